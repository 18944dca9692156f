/**
 * What a file that is not a SQLite database or an encrypted backup is, told from its bytes, so the
 * officer who picked the wrong file hears what it is and what to do instead: a workbook (use the import),
 * an archive (extract it first), a text/CSV file, or a database whose first page was overwritten.
 */
import { closeSync, openSync } from 'node:fs';
import { readAt } from './file-head';

export type ForeignKind =
  /** An Excel workbook (.xlsx, .xlsm: a ZIP holding xl/workbook.xml). */
  | 'xlsx'
  /** An OpenDocument spreadsheet (.ods: a ZIP whose first entry says so). */
  | 'ods'
  /** A legacy Excel workbook (.xls: an OLE compound file). */
  | 'xls'
  | 'zip'
  | 'rar'
  | '7z'
  | 'gzip'
  /** Text: CSV, a note, a password file. */
  | 'text'
  /** SQLite pages after a first page that is no longer a SQLite header: a damaged database. */
  | 'sqlite-pages'
  | 'unknown';

const HEAD = 8192;
/** A ZIP's central directory, which names every entry, is at its end. */
const TAIL = 65536;

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const RAR = [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const GZIP = [0x1f, 0x8b];

function zipKind(head: Buffer, tail: Buffer): ForeignKind {
  const names = `${head.toString('latin1')}${tail.toString('latin1')}`;
  if (names.includes('xl/workbook.xml') || names.includes('xl/workbook.bin')) return 'xlsx';
  if (names.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  return 'zip';
}

/** C0 control characters that do not occur in text (tab, line breaks, form feed and DOS's end-of-file do). */
const isControl = (byte: number) => (byte < 0x20 && ![0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a].includes(byte)) || byte === 0x7f;

function isText(head: Buffer): boolean {
  if (head.length === 0) return false;
  if (startsWith(head, [0xef, 0xbb, 0xbf]) || startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) return true;
  if (head.includes(0)) return false;
  // UTF-8 or a legacy 8-bit encoding (TCVN3, Windows-1258): either way, almost no control characters.
  let controls = 0;
  for (const byte of head) if (isControl(byte)) controls += 1;
  return controls <= head.length * 0.01;
}

/** B-tree page types: interior/leaf, index/table. */
const BTREE_PAGE = new Set([0x02, 0x05, 0x0a, 0x0d]);

/**
 * True when the file is whole SQLite pages of some size and most pages after the first start like
 * b-tree pages: a database whose first page (with the "SQLite format 3" header) was overwritten.
 */
function looksLikeSqlitePages(handle: number, size: number): boolean {
  for (const pageSize of [4096, 1024, 2048, 8192, 16384, 32768, 65536]) {
    const pages = size / pageSize;
    if (!Number.isInteger(pages) || pages < 3) continue;
    const sampled = Math.min(pages - 1, 32);
    let btree = 0;
    for (let page = 1; page <= sampled; page += 1) {
      const start = readAt(handle, page * pageSize, 8);
      const cells = start.length === 8 ? start.readUInt16BE(3) : Infinity;
      if (BTREE_PAGE.has(start[0] ?? -1) && cells <= pageSize / 4) btree += 1;
    }
    if (btree * 2 > sampled) return true;
  }
  return false;
}

/** What kind of file `path` (of `size` bytes, not a SQLite database or an encrypted backup) is. */
export function sniffForeignFile(path: string, size: number): ForeignKind {
  const handle = openSync(path, 'r');
  try {
    const head = readAt(handle, 0, HEAD);
    if (startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP)) return zipKind(head, readAt(handle, Math.max(0, size - TAIL), TAIL));
    if (startsWith(head, OLE)) return 'xls';
    if (startsWith(head, RAR)) return 'rar';
    if (startsWith(head, SEVEN_ZIP)) return '7z';
    if (startsWith(head, GZIP)) return 'gzip';
    if (looksLikeSqlitePages(handle, size)) return 'sqlite-pages';
    if (isText(head)) return 'text';
    return 'unknown';
  } finally {
    closeSync(handle);
  }
}
