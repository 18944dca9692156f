import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../../../shared/i18n/en';
import { vi } from '../../../shared/i18n/vi';

const LANGUAGE_KEY = 'antq.language';

export function initI18n() {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  void i18next.use(initReactI18next).init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: saved === 'en' ? 'en' : 'vi',
    fallbackLng: 'vi',
    interpolation: { escapeValue: false },
  });
  return i18next;
}

export function setLanguage(language: 'vi' | 'en') {
  localStorage.setItem(LANGUAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
