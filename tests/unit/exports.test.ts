/** Export of the registers and a round's list to .xlsx and CSV: the service on real SQLite, LibreOffice reading the files, and the CLI. */
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/main/demo';
import { exportRegister } from '../../src/main/services/exports';
import { placeAndDate } from '../../src/shared/print';
import { exportInput, MODEL_COLUMNS, type ExportInput } from '../../src/shared/exports';
import type { ModelListQuery } from '../../src/shared/models';
import { createHandlers, handleRequest } from '../../src/main/api';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import { Session } from '../../src/main/session';
import { Transfers } from '../../src/main/host/transfers';
import { cli, fixtures, inTurn, libreOffice, openTestApp, tempDir, type TestApp } from './helpers';
import { localToday } from '../../src/shared/dates';

const QUYNH = 'Nguyễn Thị Huỳnh Ngọc Quỳnh';
const UOT = 'Đặng Văn Ướt';

const exportOf = (app: TestApp, input: ExportInput) => exportRegister(app.workspace.context(), exportInput.parse(input));

async function readWorkbook(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('The workbook has no sheet.');
  const view = sheet.views[0];
  const headerRow = view?.state === 'frozen' ? (view.ySplit ?? 0) : 0;
  const values = (rowNumber: number) => (sheet.getRow(rowNumber).values as unknown[]).slice(1);
  const dataRows = Array.from({ length: sheet.rowCount - headerRow }, (_, index) => sheet.getRow(headerRow + 1 + index));
  return { sheet, headerRow, values, dataRows };
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
    } else field += char;
  }
  if (field || fields.length > 0) records.push([...fields, field]);
  return records;
}

const csvRecords = (data: Buffer) => parseCsv(data.toString('utf8').replace(/^\uFEFF/, ''));

/** Models with Vietnamese names, members and dates, in two wards. */
async function modelsSetup() {
  const app = await openTestApp();
  const base = await fixtures(app);
  const quynh = await app.call('models.create', base.model({ name: QUYNH, leaderName: UOT, foundedOn: '25/10/2018' }));
  await app.call('members.create', { modelId: quynh.id, fullName: UOT });
  await app.call('members.create', { modelId: quynh.id, fullName: QUYNH });
  const uot = await app.call('models.create', base.model({ name: UOT, typeId: base.typeId('Tổ xe ôm tự quản'), foundedOn: '01/02/2015' }));
  await app.call('members.create', { modelId: uot.id, fullName: 'Lê Văn Tám' });
  await app.call('models.create', base.model({ name: 'Tiếng chuông báo trộm Phú Lâm', wardId: base.wardId('Phường Phú Lâm'), foundedOn: null, status: 'tam_ngung' }));
  return { app, ...base, quynh, uot };
}

describe('print settings', () => {
  it('keep "Nơi nhận" one recipient a line, each line cleaned, blank lines dropped', async () => {
    const app = await openTestApp();
    const saved = await app.call('print.setSettings', {
      parentUnit: 'Công an Quận 6',
      unitName: 'Công an phường Bình Tiên',
      place: 'Quận 6',
      preparerTitle: 'Người lập biểu',
      signerTitle: 'Trưởng Công an phường',
      recipients: '- Như trên;\r\n\n  - Công an  Quận 6 (để b/c);\n- Lưu: VT.  \n',
    });
    expect(saved.recipients).toBe('- Như trên;\n- Công an Quận 6 (để b/c);\n- Lưu: VT.');
    expect((await app.call('print.settings', {})).recipients).toBe(saved.recipients);
  });
});

describe('export to xlsx', () => {
  it('lays the sheet out like the printed roster: heading, bold frozen header, autofilter, fitted widths', async () => {
    const { app } = await modelsSetup();
    await app.call('print.setSettings', { parentUnit: 'Công an Quận 6', unitName: 'Công an phường Bình Tiên', place: 'Quận 6', preparerTitle: 'Người lập biểu', signerTitle: 'Trưởng Công an phường' });
    const exported = await exportOf(app, { register: 'models', format: 'xlsx' });
    expect(exported.rows).toBe(3);
    expect(exported.fileName).toBe(`danh-sach-mo-hinh-${localToday()}.xlsx`);

    const { sheet, headerRow, values } = await readWorkbook(exported.data);
    expect(sheet.name).toBe('Mô hình tự quản');
    expect(sheet.getCell('A1').value).toBe('CÔNG AN QUẬN 6');
    expect(values(1)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(sheet.getCell('A2').value).toBe('CÔNG AN PHƯỜNG BÌNH TIÊN');
    expect(sheet.getCell('A2').font.bold).toBe(true);
    expect(values(2)).toContain('Độc lập - Tự do - Hạnh phúc');
    const dateLine = values(3).find((value) => typeof value === 'string' && value.startsWith('Quận 6, ngày'));
    expect(dateLine).toBe(placeAndDate('Quận 6', new Date()));
    expect(dateLine).toMatch(/^Quận 6, ngày \d{2} tháng (0[12]|[3-9]|1[012]) năm \d{4}$/);
    expect(sheet.getCell('A5').value).toBe('DANH SÁCH MÔ HÌNH TỰ QUẢN, TỰ PHÒNG');
    expect(sheet.getCell('A5').font.bold).toBe(true);

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow, xSplit: 0 });
    expect(headerRow).toBe(7); // no filter, so no subtitle row
    const headers = values(headerRow);
    expect(headers).toEqual(['STT', 'Tên mô hình', 'Loại mô hình', 'Khu phố', 'Phường', 'Tổ trưởng / Người phụ trách', 'Điện thoại liên hệ', 'Số thành viên (theo danh sách)', 'Số thành viên (theo khai báo)', 'Ngày thành lập', 'Tình trạng', 'Xếp loại gần nhất', 'Năm đánh giá']);
    headers.forEach((_header, index) => expect(sheet.getRow(headerRow).getCell(index + 1).font.bold).toBe(true));
    expect(sheet.autoFilter).toBe(`A${headerRow}:M${headerRow + 3}`);

    const nameWidth = sheet.getColumn(2).width ?? 0;
    expect(nameWidth).toBeGreaterThanOrEqual(QUYNH.length);
    expect(nameWidth).toBeLessThanOrEqual(60);
    expect(sheet.getColumn(1).width).toBeLessThan(10); // STT stays narrow
  });

  it('writes dates as Excel dates shown dd/mm/yyyy, counts as numbers, Vietnamese text intact (NFC)', async () => {
    const { app } = await modelsSetup();
    const { sheet, headerRow, values } = await readWorkbook((await exportOf(app, { register: 'models', format: 'xlsx' })).data);
    const column = (header: string) => (values(headerRow) as string[]).indexOf(header) + 1;
    const quynhRow = Array.from({ length: 3 }, (_, index) => sheet.getRow(headerRow + 1 + index)).find((row) => row.getCell(column('Tên mô hình')).value === QUYNH);
    if (!quynhRow) throw new Error(`No row for ${QUYNH}`);
    const founded = quynhRow.getCell(column('Ngày thành lập'));
    expect(founded.value).toBeInstanceOf(Date);
    expect((founded.value as Date).toISOString()).toBe('2018-10-25T00:00:00.000Z');
    expect(founded.numFmt).toBe('dd/mm/yyyy');
    expect(quynhRow.getCell(column('Số thành viên (theo danh sách)')).value).toBe(2);
    expect(quynhRow.getCell(column('Số thành viên (theo khai báo)')).value).toBeNull();
    expect(quynhRow.getCell(column('STT')).value).toBeTypeOf('number');
    expect(quynhRow.getCell(column('Tổ trưởng / Người phụ trách')).value).toBe(UOT);
    expect(String(quynhRow.getCell(column('Tên mô hình')).value)).toBe(QUYNH.normalize('NFC'));
    expect(quynhRow.getCell(column('Tình trạng')).value).toBe('Hoạt động');
  });

  it('exports the rows of models.list with the same filter and sort, and says the filter in words', async () => {
    const { app, wardId } = await modelsSetup();
    const view: ModelListQuery = { wardId: wardId('Phường Bình Tiên'), status: 'hoat_dong', sort: { field: 'memberCount', direction: 'desc' } };
    const listed = await app.call('models.list', view);
    expect(listed.rows.map((row) => row.name)).toEqual([QUYNH, UOT]);

    const { sheet, headerRow, values, dataRows } = await readWorkbook((await exportOf(app, { register: 'models', format: 'xlsx', filter: view })).data);
    expect(sheet.getCell('A6').value).toBe('Lọc theo: Phường Bình Tiên; Tình trạng: Hoạt động');
    expect(sheet.getCell('A6').font.italic).toBe(true);
    expect(headerRow).toBe(8);
    expect(dataRows.map((row) => row.getCell(2).value)).toEqual(listed.rows.map((row) => row.name));
    expect(dataRows.map((row) => row.getCell(1).value)).toEqual([1, 2]);

    const ascending = await exportOf(app, { register: 'models', format: 'csv', filter: { ...view, sort: { field: 'memberCount', direction: 'asc' } }, columns: ['name'] });
    expect(csvRecords(ascending.data).slice(1)).toEqual([[UOT], [QUYNH]]);
    expect(values(headerRow)).toHaveLength(13);
  });

  it('writes only the chosen columns, in the order given; unknown or repeated columns are refused', async () => {
    const { app } = await modelsSetup();
    const columns = ['memberCount', 'name', 'address'];
    const xlsx = await readWorkbook((await exportOf(app, { register: 'models', format: 'xlsx', columns })).data);
    expect(xlsx.values(xlsx.headerRow)).toEqual(['Số thành viên (theo danh sách)', 'Tên mô hình', 'Địa chỉ']);
    expect(xlsx.sheet.autoFilter).toBe(`A${xlsx.headerRow}:C${xlsx.headerRow + 3}`);
    const csv = csvRecords((await exportOf(app, { register: 'models', format: 'csv', columns })).data);
    expect(csv[0]).toEqual(['Số thành viên (theo danh sách)', 'Tên mô hình', 'Địa chỉ']);
    expect(csv.every((record) => record.length === 3)).toBe(true);

    const unknown = exportInput.safeParse({ register: 'models', format: 'xlsx', columns: ['name', 'idNumber'] });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toContain('Không có cột "idNumber"');
    expect(exportInput.safeParse({ register: 'models', format: 'csv', columns: ['name', 'name'] }).success).toBe(false);
    expect(exportInput.safeParse({ register: 'models', format: 'csv', columns: [] }).success).toBe(false);
    expect(exportInput.safeParse({ register: 'models', format: 'pdf' }).success).toBe(false);
    expect(exportInput.safeParse({ register: 'models', format: 'csv', filter: { ward: 'x' } }).success).toBe(false); // misspelt, not ignored
    expect(exportInput.safeParse({ register: 'round', format: 'csv' }).success).toBe(false);
  });

  it('makes formula injection impossible: such text is a string cell, and in CSV starts with an apostrophe', async () => {
    const { app, model } = await modelsSetup();
    const dangerous = ['=1+1', '@SUM(A1)', '+84 cmd', '-2+3'];
    for (const name of dangerous) await app.call('models.create', model({ name, leaderName: null }));
    const filter = { search: '' };
    const { dataRows } = await readWorkbook((await exportOf(app, { register: 'models', format: 'xlsx', filter, columns: ['name'] })).data);
    for (const name of dangerous) {
      const cell = dataRows.map((row) => row.getCell(1)).find((candidate) => candidate.value === name);
      expect(cell?.type, name).toBe(ExcelJS.ValueType.String);
      expect(cell?.formula, name).toBeUndefined();
    }
    const csv = csvRecords((await exportOf(app, { register: 'models', format: 'csv', filter, columns: ['name'] })).data).map((record) => record[0]);
    for (const name of dangerous) expect(csv).toContain(`'${name}`);
    expect(csv).toContain(QUYNH); // ordinary text is left alone
  });
});

describe('export to CSV', () => {
  it('is UTF-8 with a BOM, CRLF, RFC 4180 quoting, dates dd/mm/yyyy and numbers without separators, no title rows', async () => {
    const { app, quynh, model } = await modelsSetup();
    await app.edit('models.update', { id: quynh.id, values: model({ name: QUYNH, foundedOn: '25/10/2018', address: 'Số 5, hẻm "Bà Hom"' }) });
    const exported = await exportOf(app, { register: 'models', format: 'csv', columns: ['stt', 'name', 'address', 'foundedOn', 'memberCount'] });
    expect(exported.fileName).toBe(`danh-sach-mo-hinh-${localToday()}.csv`);
    expect([...exported.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = exported.data.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('STT,Tên mô hình,Địa chỉ,Ngày thành lập,Số thành viên (theo danh sách)');
    expect(lines).toContain(`2,${QUYNH},"Số 5, hẻm ""Bà Hom""",25/10/2018,2`); // second by name: Đ sorts before N
  });
});

describe('export of the individuals', () => {
  async function subjectsSetup() {
    const app = await openTestApp();
    const base = await fixtures(app);
    await app.call('subjects.create', base.subject({ fullName: QUYNH, gender: 'nu', birth: '1985', idNumber: '079185000123' }));
    await app.call('subjects.create', base.subject({ fullName: UOT, birth: '12/03/1985', idNumber: '079085001234' }));
    const views = async () => Number((await app.query<{ n: number }>("select count(*) as n from audit_log where entity = 'subject' and action = 'view'"))[0]?.n);
    return { app, views };
  }

  it('leaves the ID number and history out unless chosen, and audits every reveal when chosen', async () => {
    const { app, views } = await subjectsSetup();
    const plain = await exportOf(app, { register: 'subjects', format: 'xlsx' });
    const { values, headerRow, sheet } = await readWorkbook(plain.data);
    expect(sheet.name).toBe('Đối tượng giáo dục, giúp đỡ');
    expect(values(headerRow)).not.toContain('Số CCCD/CMND');
    expect(values(headerRow)).not.toContain('Lý do, quá trình vi phạm');
    const csv = (await exportOf(app, { register: 'subjects', format: 'csv' })).data.toString('utf8');
    expect(csv).not.toContain('079085001234');
    expect(csv).not.toContain('Trộm cắp');
    expect(await views()).toBe(0);

    const revealed = await exportOf(app, { register: 'subjects', format: 'xlsx', columns: ['fullName', 'idNumber', 'history'] });
    const workbook = await readWorkbook(revealed.data);
    expect(workbook.values(workbook.headerRow)).toEqual(['Họ và tên', 'Số CCCD/CMND', 'Lý do, quá trình vi phạm']);
    const uot = workbook.dataRows.find((row) => row.getCell(1).value === UOT);
    expect(uot?.getCell(2).value).toBe('079085001234'); // text: the leading zero stays
    expect(String(uot?.getCell(3).value)).toContain('Trộm cắp tài sản');
    expect(await views()).toBe(2);
  });

  it('reads the other fields of the full record only when chosen, and audits each person read with the fields named', async () => {
    const { app, views } = await subjectsSetup();
    const [person] = (await app.call('subjects.list', { search: 'Ướt' })).rows;
    await app.call('reviews.create', { subjectId: person?.id as string, reviewedOn: '10/02/2024', result: 'chua_tien_bo', period: 'Quý I/2024' });
    await app.call('reviews.create', { subjectId: person?.id as string, reviewedOn: '10/05/2024', result: 'tien_bo', period: 'Quý II/2024', reviewer: 'Trần Văn Hùng' });
    const before = await views();
    const columns = ['fullName', 'permanentAddress', 'decisionNumber', 'helperPhone', 'lastReviewOn', 'reviewPeriod', 'reviewResult', 'reviewer'];
    const csv = csvRecords((await exportOf(app, { register: 'subjects', format: 'csv', columns })).data);
    expect(csv[0]).toEqual(['Họ và tên', 'Nơi thường trú', 'Số quyết định', 'Điện thoại người giúp đỡ', 'Đánh giá gần nhất', 'Kỳ đánh giá', 'Kết quả đánh giá', 'Người đánh giá']);
    // The latest review's details beside its date.
    expect(csv.find((record) => record[0] === UOT)?.slice(4)).toEqual(['10/05/2024', 'Quý II/2024', 'Tiến bộ', 'Trần Văn Hùng']);
    expect(await views()).toBe(before + 2);
    const [audited] = (await app.query<{ after_json: string }>("select after_json from audit_log where entity = 'subject' and action = 'view' order by at desc limit 1")).map((row) => row.after_json);
    expect(JSON.parse(audited ?? '')).toEqual({ fields: ['permanentAddress', 'decisionNumber', 'helperPhone', 'reviewPeriod', 'reviewResult', 'reviewer'] });
  });

  it('writes a birth date as a date and a birth year alone as a number', async () => {
    const { app } = await subjectsSetup();
    const { dataRows } = await readWorkbook((await exportOf(app, { register: 'subjects', format: 'xlsx', columns: ['fullName', 'birth', 'startDate'] })).data);
    const birth = (name: string) => dataRows.find((row) => row.getCell(1).value === name)?.getCell(2);
    expect(birth(QUYNH)?.value).toBe(1985);
    expect((birth(UOT)?.value as Date).toISOString()).toBe('1985-03-12T00:00:00.000Z');
    expect(birth(UOT)?.numFmt).toBe('dd/mm/yyyy');
    const csv = csvRecords((await exportOf(app, { register: 'subjects', format: 'csv', columns: ['fullName', 'birth', 'startDate'] })).data);
    expect(csv).toContainEqual([QUYNH, '1985', '01/02/2024']);
    expect(csv).toContainEqual([UOT, '12/03/1985', '01/02/2024']);
  });

  it('pages through the whole register in the order of subjects.list', async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 0.1, people: 2500, seed: 7 });
    const view = { sort: { field: 'birth', direction: 'desc' } } as const;
    const listed: string[][] = [];
    for (let offset = 0; offset < 2500; offset += 1000) {
      const page = await app.call('subjects.list', { ...view, offset, limit: 1000 });
      listed.push(...page.rows.map((row) => [row.id, row.fullName]));
    }
    const exported = await exportOf(app, { register: 'subjects', format: 'csv', filter: view, columns: ['stt', 'fullName'] });
    expect(exported.rows).toBe(2500);
    const records = csvRecords(exported.data).slice(1);
    expect(records.map((record) => record[1])).toEqual(listed.map((row) => row[1]));
    expect(records.at(-1)?.[0]).toBe('2500'); // no thousands separator
  });
});

describe('export of a round list', () => {
  it('has the two sections I. TẬP THỂ and II. CÁ NHÂN, each numbered from 1', async () => {
    const app = await openTestApp();
    const base = await fixtures(app);
    const giayKhen = base.catalogues.awardForms.find((form) => form.name === 'Giấy khen')?.id ?? '';
    const round = await app.call('rounds.create', { name: 'Sơ kết 05 năm Chương trình 09', occasion: 'Sơ kết 05 năm thực hiện Chương trình số 09/CTr-BCA-MTTW, giai đoạn 2013–2018', periodFrom: 2013, periodTo: 2018 });
    const nominate = (kind: 'tap_the' | 'ca_nhan', nomineeName: string, birthYear?: number) =>
      app.call('nominations.create', { roundId: round.id, kind, nomineeName, birthYear, formId: giayKhen, unit: 'Phường Bình Tiên', achievement: 'Có thành tích xuất sắc trong phong trào' });
    await nominate('tap_the', 'Tổ xe ôm tự quản Bình Tiên');
    await nominate('tap_the', 'Nhà trọ tự quản số 12');
    await nominate('ca_nhan', QUYNH, 1970);
    await nominate('ca_nhan', UOT, 1958);
    await nominate('ca_nhan', 'Lê Văn Tám', 1965);

    const exported = await exportOf(app, { register: 'round', format: 'xlsx', roundId: round.id });
    expect(exported.rows).toBe(5);
    expect(exported.fileName).toBe(`danh-sach-de-nghi-khen-thuong-${localToday()}.xlsx`);
    const { sheet, headerRow, values, dataRows } = await readWorkbook(exported.data);
    expect(sheet.name).toBe('Đề nghị khen thưởng');
    expect(sheet.getCell('A5').value).toBe('DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG');
    expect(sheet.getCell('A6').value).toBe('Sơ kết 05 năm thực hiện Chương trình số 09/CTr-BCA-MTTW, giai đoạn 2013–2018');
    expect(values(headerRow)).toEqual(['STT', 'Tên tập thể / Họ và tên', 'Năm sinh', 'Chức vụ', 'Đơn vị / địa chỉ', 'Tóm tắt thành tích', 'Hình thức khen thưởng']);
    expect(dataRows.map((row) => row.getCell(1).value)).toEqual(['I. TẬP THỂ', 1, 2, 'II. CÁ NHÂN', 1, 2, 3]);
    expect(dataRows[0]?.getCell(1).font.bold).toBe(true);
    const individuals = dataRows.slice(4);
    expect(individuals.map((row) => row.getCell(3).value)).toEqual(expect.arrayContaining([1970, 1958, 1965]));
    expect(individuals.map((row) => row.getCell(2).value)).toEqual(expect.arrayContaining([QUYNH, UOT]));

    const csv = csvRecords((await exportOf(app, { register: 'round', format: 'csv', roundId: round.id, columns: ['stt', 'nomineeName'] })).data);
    expect(csv.map((record) => record[0])).toEqual(['STT', 'I. TẬP THỂ', '1', '2', 'II. CÁ NHÂN', '1', '2', '3']);
    expect(csv[1]).toEqual(['I. TẬP THỂ', '']);
  });
});

describe('export of the due lists', () => {
  it('has all three lists in full, though the screen shows the first 500 of each, each numbered from 1', { timeout: 60_000 }, async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 0.1, people: 3000, seed: 5 });
    const onScreen = await app.call('subjects.due', {});
    expect(onScreen.counts.overdue).toBeGreaterThan(500);
    expect(onScreen.overdue).toHaveLength(500);
    const all = await app.call('subjects.due', { all: true });
    expect(all.overdue).toHaveLength(onScreen.counts.overdue);
    expect(all.overdue.slice(0, 500)).toEqual(onScreen.overdue);

    const exported = await exportOf(app, { register: 'due', format: 'xlsx' });
    const { counts } = onScreen;
    expect(exported.rows).toBe(counts.overdue + counts.dueThisWeek + counts.endingSoon);
    expect(exported.fileName).toBe(`danh-sach-den-han-danh-gia-${localToday()}.xlsx`);
    const { sheet, headerRow, values, dataRows } = await readWorkbook(exported.data);
    expect(sheet.getCell('A5').value).toBe('DANH SÁCH ĐỐI TƯỢNG ĐẾN HẠN ĐÁNH GIÁ');
    expect(sheet.getCell('A6').value).toMatch(/^Tính đến ngày \d{2}\/\d{2}\/\d{4}; chu kỳ đánh giá \d+ tháng$/);
    expect(values(headerRow)).toEqual(['STT', 'Họ và tên', 'Ngày sinh / Năm sinh', 'Nơi ở hiện nay', 'Phường', 'Đánh giá gần nhất', 'Hạn đánh giá', 'Ngày dự kiến kết thúc', 'Người được phân công giúp đỡ']);
    const first = dataRows.map((row) => row.getCell(1).value);
    const sectionAt = (title: string) => first.findIndex((value) => typeof value === 'string' && value.startsWith(title));
    const [overdue, week, ending] = [sectionAt('I. QUÁ HẠN ĐÁNH GIÁ'), sectionAt('II. ĐẾN HẠN TRONG 7 NGÀY TỚI'), sectionAt('III. SẮP HẾT THỜI HẠN GIÚP ĐỠ')];
    expect(first[overdue]).toBe(`I. QUÁ HẠN ĐÁNH GIÁ (${counts.overdue.toLocaleString('vi-VN')})`);
    expect([overdue, week - overdue - 1, ending - week - 1, first.length - ending - 1]).toEqual([0, counts.overdue, counts.dueThisWeek, counts.endingSoon]);
    expect(first.slice(1, 4)).toEqual([1, 2, 3]);
    expect(first[week + 1]).toBe(1);
    // Dates are Excel dates: the first overdue person's review was due before today.
    const dueOn = dataRows[1]?.getCell(7).value;
    expect(dueOn).toBeInstanceOf(Date);
    expect((dueOn as Date).toISOString().slice(0, 10)).toBe(all.overdue[0]?.dueOn);
    expect(dataRows[1]?.getCell(2).value).toBe(all.overdue[0]?.fullName);

    const csv = csvRecords((await exportOf(app, { register: 'due', format: 'csv', columns: ['stt', 'fullName', 'plannedEndDate'] })).data);
    expect(csv[0]).toEqual(['STT', 'Họ và tên', 'Ngày dự kiến kết thúc']);
    expect(csv.at(-1)?.[2]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/); // the ending-soon list has its end dates
  });
});

describe('the exports.file method', () => {
  it('saves the file where the officer chose, and refuses a download outside the web host', async () => {
    const app = await openTestApp();
    const base = await fixtures(app);
    await app.call('models.create', base.model({ name: QUYNH }));
    const file = join(app.dir, 'mo-hinh.xlsx');
    const result = await app.call('exports.file', { export: { register: 'models', format: 'xlsx' }, target: { path: file } });
    expect(result).toMatchObject({ rows: 1, downloadUrl: null });
    const { dataRows } = await readWorkbook(readFileSync(file));
    expect(dataRows.map((row) => row.getCell(2).value)).toEqual([QUYNH]);
    await expect(app.call('exports.file', { export: { register: 'models', format: 'csv' }, target: 'download' })).rejects.toMatchObject({ code: 'file' });
    await expect(app.call('exports.file', { export: { register: 'models', format: 'xlsx' }, target: { path: join(app.dir, 'khong-co', 'x.xlsx') } })).rejects.toMatchObject({ code: 'file' });
    expect(existsSync(join(app.dir, 'khong-co'))).toBe(false);
  });
});

describe('in the web host', () => {
  it('offers files as downloads and takes no path from the page, for exports, imports and backups', async () => {
    const app = await openTestApp();
    const handlers = createHandlers(app.workspace, { transfers: new Transfers(tempDir()) });
    const request = (method: string, input: unknown) => handleRequest(app.workspace, handlers, new Session(SYSTEM_USER), method, input);
    const downloaded = await request('exports.file', { export: { register: 'models', format: 'csv' }, target: 'download' });
    expect(downloaded).toMatchObject({ ok: true, result: { downloadUrl: expect.stringMatching(/^\/download\/[\w-]{20,}$/) } });
    const target = join(app.dir, 'ghi-de.csv');
    expect(await request('exports.file', { export: { register: 'models', format: 'csv' }, target: { path: target } })).toMatchObject({ ok: false, error: { code: 'file' } });
    expect(await request('imports.open', { file: { path: target } })).toMatchObject({ ok: false, error: { code: 'file' } });
    expect(existsSync(target)).toBe(false);
    const folder = join(app.dir, 'sao-luu-ngoai');
    expect(await request('backup.create', { target: { path: folder }, password: null })).toMatchObject({ ok: false, error: { code: 'file' } });
    expect(existsSync(folder)).toBe(false);
    for (const method of ['backup.inspect', 'backup.restore']) {
      expect(await request(method, { file: { path: app.workspace.file }, password: null }), method).toMatchObject({ ok: false, error: { code: 'file' } });
    }
  });
});

describe('LibreOffice', () => {
  it('opens the app\'s workbooks, and its CSV of them has the same data rows as the app\'s own CSV', { timeout: 120_000 }, async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 0.3, people: 300, seed: 3 });
    const base = await fixtures(app);
    await app.call('models.create', base.model({ name: QUYNH, leaderName: UOT, address: 'Số 5, hẻm "Bà Hom"' }));
    await app.call('subjects.create', base.subject({ fullName: UOT, birth: '1962' }));
    const dir = tempDir();
    const views: ExportInput[] = [
      { register: 'models', format: 'xlsx', columns: ['stt', 'name', 'typeName', 'address', 'memberCount', 'foundedOn', 'status', 'latestRatingYear'] },
      { register: 'subjects', format: 'xlsx', filter: { sort: { field: 'startDate', direction: 'desc' } } },
    ];
    const files: string[] = [];
    const appCsv: string[][][] = [];
    for (const [index, view] of views.entries()) {
      const file = join(dir, `view-${index}.xlsx`);
      writeFileSync(file, (await exportOf(app, view)).data);
      files.push(file);
      appCsv.push(csvRecords((await exportOf(app, { ...view, format: 'csv' } as ExportInput)).data));
    }
    const outDir = join(dir, 'lo');
    await libreOffice(files, 'csv:Text - txt - csv (StarCalc):44,34,76,1', outDir);
    for (const [index, expected] of appCsv.entries()) {
      const converted = parseCsv(readFileSync(join(outDir, `view-${index}.csv`), 'utf8'));
      const header = converted.findIndex((record) => record[0] === 'STT');
      expect(header, 'the header row after the title rows').toBeGreaterThan(3);
      expect(converted.slice(header)).toEqual(expected);
    }
    expect(appCsv[0]?.length).toBe(32); // header + 30 demo models + 1
    expect(appCsv[1]?.flat()).toContain('1962');
  });
});

describe('export on the command line', { timeout: 120_000 }, () => {
  it('writes the file the extension of --to asks for, with the filter and columns given', async () => {
    const { app } = await modelsSetup();
    const out = tempDir();
    const xlsx = join(out, 'mo-hinh.xlsx');
    const csv = join(out, 'mô hình.csv');
    const everything = join(out, 'du-cot.xlsx');
    const [asJson, forPeople, all] = await inTurn([
      () => cli('export', 'models', '--to', xlsx, '--filter', '{"status":"hoat_dong","sort":{"field":"memberCount","direction":"desc"}}', '--columns', 'name,memberCount', '--json', '--data-dir', app.dir),
      () => cli('export', 'models', '--to', csv, '--data-dir', app.dir),
      () => cli('export', 'models', '--to', everything, '--columns', 'all', '--data-dir', app.dir),
    ]);
    // --columns all: every column, optional ones and the members' included.
    expect(all.code, all.stderr).toBe(0);
    const full = await readWorkbook(readFileSync(everything));
    expect(full.values(full.headerRow)).toEqual(MODEL_COLUMNS.map((column) => column.header));
    expect(full.values(full.headerRow)).toContain('Họ và tên thành viên');
    expect(asJson.code, asJson.stderr).toBe(0);
    expect(JSON.parse(asJson.stdout)).toEqual({ ok: true, file: xlsx, rows: 2 });
    const { values, headerRow, dataRows } = await readWorkbook(readFileSync(xlsx));
    expect(values(headerRow)).toEqual(['Tên mô hình', 'Số thành viên (theo danh sách)']);
    expect(dataRows.map((row) => row.getCell(1).value)).toEqual([QUYNH, UOT]);

    expect(forPeople.code, forPeople.stderr).toBe(0);
    expect(forPeople.stdout.trim()).toBe(`Đã xuất 3 dòng ra ${csv}`);
    expect(readFileSync(csv).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('exits 2 with a Vietnamese message on a bad --filter, column, register or file name, and writes nothing', async () => {
    const { app } = await modelsSetup();
    const out = tempDir();
    const to = join(out, 'x.xlsx');
    const runs = await inTurn([
      () => cli('export', 'models', '--to', to, '--filter', '{status: hoat_dong}', '--data-dir', app.dir),
      () => cli('export', 'models', '--to', to, '--filter', '{"status":"dang_lam"}', '--data-dir', app.dir),
      () => cli('export', 'models', '--to', to, '--filter', '[]', '--data-dir', app.dir),
      () => cli('export', 'models', '--to', to, '--columns', 'name,cccd', '--data-dir', app.dir),
      () => cli('export', 'thanh-vien', '--to', to, '--data-dir', app.dir),
      () => cli('export', 'models', '--to', join(out, 'x.pdf'), '--data-dir', app.dir),
      () => cli('export', 'models', '--data-dir', app.dir),
      () => cli('export', 'round', '--to', to, '--data-dir', app.dir),
      () => cli('export', 'models', '--to', to, '--filter', '{', '--json', '--data-dir', app.dir),
      () => cli('export', 'due', '--to', to, '--filter', '{}', '--data-dir', app.dir),
    ]);
    expect(runs.map((run) => run.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(runs[0]?.stderr).toContain('--filter không phải JSON hợp lệ');
    expect(runs[1]?.stderr).toContain('--filter (status)');
    expect(runs[2]?.stderr).toContain('--filter');
    expect(runs[3]?.stderr).toContain('Không có cột "cccd"');
    expect(runs[4]?.stderr).toContain('Không có sổ "thanh-vien"');
    expect(runs[5]?.stderr).toContain('.xlsx hoặc .csv');
    expect(runs[6]?.stderr).toContain('--to');
    expect(runs[7]?.stderr).toContain('--round');
    expect(JSON.parse(runs[8]?.stdout ?? '')).toMatchObject({ ok: false, error: { exitCode: 2 } });
    expect(runs[9]?.stderr).toContain('Danh sách đối tượng đến hạn đánh giá không có bộ lọc');
    expect(existsSync(to)).toBe(false);
  });
});
