/** The report of the last commit, as a CSV the officer can keep. */
import { localToday } from '../../../shared/dates';
import { ApiError } from '../../../shared/errors';
import { csvDocument, safeText } from '../csv';
import type { Session } from './session';

/** The summary of the last commit as a CSV the officer can keep: the counts, then each row left out and why. */
export function importReport(session: Session): { fileName: string; data: Buffer } {
  const summary = session.summary;
  if (!summary) throw new ApiError('validation', 'Chưa nhập dữ liệu từ tệp này nên chưa có báo cáo.');
  const records = [
    ['Tệp', safeText(summary.fileName)],
    ['Trang tính', safeText(summary.sheet)],
    ['Thêm mới', String(summary.added)],
    ['Cập nhật', String(summary.updated)],
    ['Đã có, không đổi', String(summary.unchanged)],
    ['Bỏ qua', String(summary.skipped.length)],
    [],
    ['Dòng', 'Lý do bỏ qua'],
    ...summary.skipped.map((row) => [String(row.rowNumber), safeText(row.reason)]),
  ];
  return { fileName: `bao-cao-nhap-${localToday()}.csv`, data: csvDocument(records) };
}
