/** The report's figures as an .xlsx: one row a figure, numbers as numbers, with the period and scope above. */
import { formatDate } from '../../../shared/dates';
import type { ReportFigures } from '../../../shared/report';
import { figureRows, periodLabel, scopeLabel } from '../../../shared/report-text';

export async function reportWorkbook(figures: ReportFigures): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc';
  const sheet = workbook.addWorksheet('Số liệu báo cáo');
  sheet.columns = [{ width: 20 }, { width: 70 }, { width: 14 }, { width: 16 }];
  sheet.addRow([`Số liệu báo cáo ${periodLabel(figures.query)}`]).font = { bold: true, size: 13 };
  sheet.addRow([`Từ ngày ${formatDate(figures.query.from)} đến ngày ${formatDate(figures.query.to)}; địa bàn: ${scopeLabel(figures.wardNames)}`]);
  sheet.addRow([]);
  const header = sheet.addRow(['Nhóm', 'Chỉ tiêu', 'Số lượng', 'Số người']);
  header.font = { bold: true };
  for (const row of figureRows(figures)) sheet.addRow([row.group, row.label, row.value, row.people]);
  for (const column of [3, 4]) sheet.getColumn(column).numFmt = '#,##0';
  sheet.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
