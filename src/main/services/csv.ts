/**
 * CSV as officers open it in Excel: the document format and the guard against text read as a formula.
 * Shared by the register exports and the import report.
 */

/** Text that a spreadsheet would run as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet shows it, never as a formula. */
export const safeText = (text: string) => (FORMULA_START.test(text) ? `'${text}` : text);

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/** UTF-8 with a byte order mark (so Excel reads it as UTF-8), CRLF line ends, RFC 4180 quoting. */
export function csvDocument(records: string[][]): Buffer {
  return Buffer.from(`\uFEFF${records.map((fields) => `${fields.map(csvField).join(',')}\r\n`).join('')}`, 'utf8');
}
