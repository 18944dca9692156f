/**
 * The report as a Word document (.docx, with the `docx` library), in the official layout of Decree
 * 30/2020: A4, margins 20/20/30/15 mm, Times New Roman 14, the two-column heading, the title, the
 * paragraphs justified with a first-line indent, "Nơi nhận" beside the signature.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { officialDate, type PrintSettings } from '../../../shared/print';
import type { ReportDraft } from '../../../shared/report-text';
import { measureTinos } from '../print/measure';

const MM = 1440 / 25.4; // twips
const twips = (millimetres: number) => Math.round(millimetres * MM);
const upper = (text: string) => text.toLocaleUpperCase('vi');
/** Half-points, as Word counts font sizes. */
const pt = (points: number) => points * 2;

const line = (text: string, options: { bold?: boolean; italics?: boolean; size?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new Paragraph({ alignment: options.align ?? AlignmentType.CENTER, children: [new TextRun({ text, bold: options.bold, italics: options.italics, size: pt(options.size ?? 13) })] });

/** The text's width on the page: A4 less the left and right margins. */
const TEXT_WIDTH = twips(210 - 30 - 15);

/** A borderless two-column table across the text's width, the first column `share` of it. */
function twoColumns(left: Paragraph[], right: Paragraph[], share: number): Table {
  const widths = [Math.round(TEXT_WIDTH * share), TEXT_WIDTH - Math.round(TEXT_WIDTH * share)];
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.DXA } });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, widths[0] as number), cell(right, widths[1] as number)] })],
  });
}

function heading(settings: PrintSettings, date: Date): Table {
  const unit = [line(upper(settings.parentUnit), { size: 12 }), line(upper(settings.unitName), { bold: true, size: 12 }), line('———', { size: 10 })];
  if (settings.documentNumber) unit.push(line(`Số: ${settings.documentNumber}`));
  const nation = [
    line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 }),
    line('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14 }),
    line('———————', { size: 10 }),
    line(`${settings.place}, ${officialDate(date)}`, { italics: true }),
  ];
  // The unit's column as wide as its longest line (Tinos measures as Times New Roman does), up to half the text.
  const unitWidth = Math.max(measureTinos(upper(settings.parentUnit), 'regular', 12), measureTinos(upper(settings.unitName), 'bold', 12)) + 16;
  return twoColumns(unit, nation, Math.min(0.5, (unitWidth * 20) / TEXT_WIDTH));
}

function signatures(settings: PrintSettings): Table {
  const recipients = (settings.recipients ?? '').split('\n').filter(Boolean);
  // "Nơi nhận" when the settings list recipients; the preparer's signature otherwise, as the printed report.
  const left =
    recipients.length > 0
      ? [new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: pt(12) })] }), ...recipients.map((recipient) => new Paragraph({ children: [new TextRun({ text: recipient, size: pt(11) })] }))]
      : [line(upper(settings.preparerTitle), { bold: true }), ...Array.from({ length: 5 }, () => line('')), ...(settings.preparerName ? [line(settings.preparerName, { bold: true })] : [])];
  const right = [line(upper(settings.signerTitle), { bold: true }), line('(Ký, ghi rõ họ tên, đóng dấu)', { italics: true, size: 11 }), ...Array.from({ length: 4 }, () => line(''))];
  if (settings.signerName) right.push(line(settings.signerName, { bold: true }));
  return twoColumns(left, right, 0.5);
}

export function reportDocx(draft: ReportDraft, settings: PrintSettings, date: Date): Promise<Buffer> {
  const body = draft.paragraphs
    .map((text) => text.trim())
    .filter(Boolean)
    .map((text) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: twips(10) }, spacing: { after: 80, line: 312 }, children: [new TextRun({ text, size: pt(14) })] }));
  const document = new Document({
    creator: 'Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc',
    title: `${draft.title} ${draft.subtitle}`.trim(),
    styles: { default: { document: { run: { font: 'Times New Roman', size: pt(14) } } } },
    sections: [
      {
        properties: { page: { size: { width: twips(210), height: twips(297) }, margin: { top: twips(20), bottom: twips(20), left: twips(30), right: twips(15) } } },
        children: [
          heading(settings, date),
          new Paragraph({ spacing: { before: 240 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: upper(draft.title), bold: true, size: pt(14) })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun({ text: draft.subtitle, bold: true, size: pt(14) })] }),
          ...body,
          new Paragraph({ children: [] }),
          signatures(settings),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
