/**
 * Issue 12, point 7: a file refused for restore is named for what it is. Every file is built here: a
 * ZIP, an Excel workbook (exceljs), an OpenDocument spreadsheet, a legacy .xls header, CSV text in UTF-8,
 * UTF-16 and a legacy 8-bit encoding, and real backups damaged in the middle, in the header and on page 1.
 */
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DATA_FILE_NAME } from '../../src/main/workspace';
import { apiError, fixtures, openTestApp, sha256, tempDir } from './helpers';

/**
 * A ZIP archive of `entries`, as any archiver writes one (local headers, central directory, end record):
 * deflated, except an OpenDocument `mimetype`, which the format requires stored first and uncompressed.
 */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const method = name === 'mimetype' ? 0 : 8;
    const packed = method === 0 ? data : deflateRawSync(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Bytes no file format starts with and no page of a database holds: a fixed, seeded pattern. */
const garbage = (length: number, seed = 13) => Buffer.from(Array.from({ length }, (_, i) => (i * 7919 + seed * 104729) % 256));

describe('a refused file is named for what it is', () => {
  it('workbooks, archives, text and damaged databases each get their own reason; the live database and the files stay as they were', async () => {
    const app = await openTestApp();
    const f = await fixtures(app);
    await app.call('models.create', f.model());
    await app.call('models.create', f.model({ name: 'Tổ tự quản Khu phố 3' }));
    const backup = (await app.call('backup.create', { target: { path: join(app.dir, 'ra') } })).record.file;
    const good = readFileSync(backup);
    const dir = tempDir();
    const file = (name: string, content: Buffer | string) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Danh sách').addRows([['Họ và tên', 'Ngày sinh'], ['Nguyễn Văn Bình', '12/03/1985']]);
    const xlsx = join(dir, 'danh-sach.xlsx');
    await workbook.xlsx.writeFile(xlsx);

    // The page of the models table (its rows), overwritten in the middle of an otherwise valid file.
    const probe = new BetterSqlite3(backup, { readonly: true });
    const modelsPage = probe.prepare("select rootpage from sqlite_master where name = 'models'").pluck().get() as number;
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    probe.close();
    expect(modelsPage).toBeGreaterThan(1);
    const middle = Buffer.from(good);
    garbage(pageSize - 200).copy(middle, (modelsPage - 1) * pageSize + 100);
    const header = Buffer.from(good);
    garbage(4, 7).copy(header, 60); // user_version
    garbage(4, 11).copy(header, 68); // application_id
    const firstPage = Buffer.from(good);
    garbage(pageSize, 3).copy(firstPage, 0);

    const cases: { name: string; path: string; message: RegExp }[] = [
      { name: 'ZIP of a backup', path: file('sao-luu.zip', zip({ 'so-theo-doi.sqlite': 'không phải dữ liệu thật' })), message: /đây là tệp nén ZIP, hãy giải nén trước/ },
      { name: 'ZIP renamed .sqlite', path: file('sao-luu-nen.sqlite', zip({ 'ghi-chu.txt': 'Sao lưu tháng 11' })), message: /đây là tệp nén ZIP, hãy giải nén trước/ },
      { name: 'Excel workbook', path: xlsx, message: /đây là bảng tính Excel\. .*hãy dùng Nhập từ Excel/ },
      {
        name: 'OpenDocument spreadsheet',
        path: file('danh-sach.ods', zip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<office:document-content/>' })),
        message: /bảng tính Excel \(OpenDocument\).*Nhập từ Excel/,
      },
      { name: 'legacy .xls', path: file('danh-sach.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), garbage(4088)])), message: /bảng tính Excel.*Nhập từ Excel/ },
      { name: 'gzip archive', path: file('sao-luu.sqlite.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), garbage(2000)])), message: /đây là tệp nén gzip, hãy giải nén trước/ },
      { name: 'CSV in UTF-8', path: file('danh-sach.csv', 'Họ và tên,Ngày sinh,Địa chỉ\r\nNguyễn Văn Bình,12/03/1985,"12 Bà Hom, Phường Bình Tiên"\r\n'), message: /đây là tệp văn bản\/CSV, hãy dùng Nhập từ Excel/ },
      { name: 'CSV in UTF-16 with BOM', path: file('danh-sach-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ và tên\tNgày sinh\r\n', 'utf16le')])), message: /tệp văn bản\/CSV/ },
      { name: 'text in a legacy 8-bit encoding', path: file('ghi-chu.sqlite', Buffer.from('Hä vµ tªn: NguyÔn V¨n B×nh\r\n', 'latin1')), message: /tệp văn bản\/CSV/ },
      { name: 'a page in the middle overwritten', path: file('hong-giua.sqlite', middle), message: /bị hỏng/ },
      { name: 'the header fields overwritten', path: file('hong-dau.sqlite', header), message: /bị hỏng: phần đầu của tệp/ },
      { name: 'the whole first page overwritten', path: file('hong-trang-dau.sqlite', firstPage), message: /bị hỏng: trang đầu/ },
      { name: 'random bytes', path: file('ngau-nhien.sqlite', garbage(5000)), message: /không phải là bản sao lưu của ứng dụng \(không phải cơ sở dữ liệu SQLite/ },
    ];

    const live = ['', '-wal', '-shm'].map((suffix) => join(app.dir, DATA_FILE_NAME + suffix));
    expect(live.every((path) => existsSync(path))).toBe(true);
    // The data is the file and its WAL; the -shm is the WAL's index, where every reader (the signed-in
    // account is read at each call) marks its place.
    const data = live.slice(0, 2);
    const before = data.map(sha256);
    for (const testCase of cases) {
      const hash = sha256(testCase.path);
      for (const method of ['backup.inspect', 'backup.restore'] as const) {
        const error = await apiError(app.call(method, { file: { path: testCase.path } }));
        expect(error.message, `${testCase.name} (${method})`).toMatch(testCase.message);
        expect(error.message, testCase.name).not.toMatch(/phần mềm khác/);
      }
      expect(sha256(testCase.path), testCase.name).toBe(hash);
      expect(data.map(sha256), testCase.name).toEqual(before);
    }
    expect((await app.call('backup.history', {})).length).toBe(1);
  });
});
