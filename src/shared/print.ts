/** Print settings: who issues the documents and who signs them (Decree 30/2020/NĐ-CP layout). */
import { z } from 'zod';
import { optionalLines, optionalText, requiredText } from './common';

const MAX_RECIPIENTS = 10;

export const printSettingsInput = z.object({
  parentUnit: requiredText('Cơ quan cấp trên', 120),
  unitName: requiredText('Tên đơn vị', 120),
  place: requiredText('Địa danh', 80),
  documentNumber: optionalText('Số văn bản', 60),
  preparerTitle: requiredText('Chức danh người lập biểu', 80),
  preparerName: optionalText('Họ tên người lập biểu', 80),
  signerTitle: requiredText('Chức danh người ký', 120),
  signerName: optionalText('Họ tên người ký', 80),
  /** One recipient a line, as "Nơi nhận" lists them; the signatures and the list share the last page. */
  recipients: optionalLines('Nơi nhận', 600).refine((value) => (value ?? '').split('\n').length <= MAX_RECIPIENTS, `Nơi nhận tối đa ${MAX_RECIPIENTS} dòng.`),
});
export type PrintSettingsInput = z.input<typeof printSettingsInput>;
export type PrintSettings = z.output<typeof printSettingsInput>;

export const DEFAULT_PRINT_SETTINGS: PrintSettings = {
  parentUnit: 'Công an Thành phố Hồ Chí Minh',
  unitName: 'Công an phường Bình Tiên',
  place: 'Thành phố Hồ Chí Minh',
  documentNumber: null,
  preparerTitle: 'Người lập biểu',
  preparerName: null,
  signerTitle: 'Trưởng Công an phường',
  signerName: null,
  recipients: null,
};

/** The columns an officer picked for a printed list, in order; remembered per list. */
export const printColumnsKey = (list: string) => `print:columns:${list}`;

export const PAPER_ORIENTATIONS = ['portrait', 'landscape'] as const;
export type PaperOrientation = (typeof PAPER_ORIENTATIONS)[number];
/** The table text's size in points: 12 by default, 11 to fit more on a page, 13 to read more easily. */
export const TABLE_FONT_SIZES = [11, 12, 13] as const;
export type TableFontSize = (typeof TABLE_FONT_SIZES)[number];

/** How a document is laid on the paper; remembered per document. */
export interface PageLayout {
  orientation: PaperOrientation;
  fontSize: TableFontSize;
}
export const pageLayoutKey = (document: string) => `print:layout:${document}`;

/** A saved layout, or the document's own default where the saved one is missing or not a layout. */
export function readPageLayout(saved: unknown, fallback: PageLayout): PageLayout {
  const value = (saved ?? {}) as Partial<Record<keyof PageLayout, unknown>>;
  return {
    orientation: PAPER_ORIENTATIONS.find((orientation) => orientation === value.orientation) ?? fallback.orientation,
    fontSize: TABLE_FONT_SIZES.find((size) => size === value.fontSize) ?? fallback.fontSize,
  };
}

/**
 * "Quận 6, ngày 05 tháng 3 năm 2026": Decree 30/2020 (Annex I) writes a leading zero for days below 10
 * and for the months 1 and 2 only ("tháng 01", "tháng 02", but "tháng 3").
 */
export function placeAndDate(place: string, date: Date): string {
  return `${place}, ${officialDate(date)}`;
}

/** "ngày 05 tháng 3 năm 2026", the date part of `placeAndDate`. */
export function officialDate(date: Date): string {
  const month = date.getMonth() + 1;
  return `ngày ${String(date.getDate()).padStart(2, '0')} tháng ${month <= 2 ? `0${month}` : month} năm ${date.getFullYear()}`;
}

/** A safe file name from what the page suggests: no folders, no characters Windows refuses, ends in .pdf. */
export const pdfFileName = (suggested: string): string => documentFileName(suggested, 'pdf');

/** A safe file name for a document: no folders, no characters Windows refuses, ends in `.extension`. */
export function documentFileName(suggested: string, extension: 'pdf' | 'docx' | 'xlsx'): string {
  const base = suggested
    .normalize('NFC')
    .split('')
    .map((char) => (char.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(char) ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(new RegExp(`\\.${extension}$`, 'i'), '')
    .slice(0, 150)
    .replace(/[. ]+$/, '');
  return `${base || 'ban-in'}.${extension}`;
}
