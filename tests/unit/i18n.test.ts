/** The UI's words: the import fields named in English too, and in Vietnamese by their own labels. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../src/renderer/src/features/imports/wizard';
import { en } from '../../src/shared/i18n/en';
import { vi } from '../../src/shared/i18n/vi';
import { IMPORT_FIELDS, IMPORT_REGISTERS } from '../../src/shared/imports';

describe('import field names', () => {
  it('has an English name for every import field, and the Vietnamese label of shared/imports/ in Vietnamese', async () => {
    await i18next.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'en', fallbackLng: 'vi' });
    const keys = new Set(IMPORT_REGISTERS.flatMap((register) => IMPORT_FIELDS[register].map((field) => field.key)));
    expect(new Set(Object.keys(en.imports.fields))).toEqual(keys);
    expect(fieldLabel('subjects', 'fullName')).toBe('Full name');
    expect(fieldLabel('models', 'memberRole')).toBe('Role in the model');
    await i18next.changeLanguage('vi');
    for (const register of IMPORT_REGISTERS) {
      for (const field of IMPORT_FIELDS[register]) expect(fieldLabel(register, field.key)).toBe(field.label);
    }
  });
});
