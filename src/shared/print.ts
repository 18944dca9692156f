/** Print settings: who issues the documents and who signs them (Decree 30/2020/NĐ-CP layout). */
import { z } from 'zod';
import { optionalText, requiredText } from './common';

export const printSettingsInput = z.object({
  parentUnit: requiredText('Cơ quan cấp trên', 120),
  unitName: requiredText('Tên đơn vị', 120),
  place: requiredText('Địa danh', 80),
  documentNumber: optionalText('Số văn bản', 60),
  preparerTitle: requiredText('Chức danh người lập biểu', 80),
  preparerName: optionalText('Họ tên người lập biểu', 80),
  signerTitle: requiredText('Chức danh người ký', 120),
  signerName: optionalText('Họ tên người ký', 80),
  recipients: optionalText('Nơi nhận', 600),
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

/** "Quận 6, ngày 05 tháng 11 năm 2026": days and months below 10 with a leading zero, as in official documents. */
export function placeAndDate(place: string, date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${place}, ngày ${pad(date.getDate())} tháng ${pad(date.getMonth() + 1)} năm ${date.getFullYear()}`;
}
