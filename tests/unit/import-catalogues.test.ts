/**
 * An officer's first import on a fresh install: catalogue values typed every which way, unknown ones
 * asked about once (added or mapped, and remembered), ID numbers never changed silently, likely
 * duplicates imported and listed for review.
 */
import { describe, expect, it } from 'vitest';
import { entryKeys, proposedName, suggestEntry, valueKey, wordsOf } from '../../src/main/import/catalogue-values';
import { apiError, cli, EDITOR, openTestApp } from './helpers';
import { actions, rosterFile, runImport } from './import-helpers';

const entry = (id: string, name: string) => ({ id, name, words: [wordsOf('subjectCategories', name)] });

describe('catalogue values as officers type them', () => {
  it('reads khu phố and phường numbers and names the same however they are written, each with its own kind words', () => {
    for (const typed of ['5', 'KP5', 'KP.5', 'kp 5', 'KP.05', 'Khu phố 5', 'KHU PHO 5', 'khu phố  05']) expect(valueKey('neighbourhoods', typed), typed).toBe('5');
    for (const typed of ['11', 'P11', 'P.11', 'p 11', 'phường 11', 'PHƯỜNG 11', 'Phường 011']) expect(valueKey('wards', typed), typed).toBe('11');
    for (const typed of ['Bình Tiên', 'P. Bình Tiên', 'phường BÌNH TIÊN', 'Phuong Binh Tien']) expect(valueKey('wards', typed), typed).toBe('binh tien');
    // A name that only starts like a kind word keeps its first word.
    expect(valueKey('wards', 'Phú Lâm')).toBe('phu lam');
    // Another kind of unit, or another catalogue, keeps its words: "Tổ dân phố 5" is not "Khu phố 5", "KP 3" is no ward.
    expect(valueKey('neighbourhoods', 'Tổ dân phố 5')).toBe('to dan pho 5');
    expect(valueKey('neighbourhoods', 'Ấp 5')).toBe('ap 5');
    expect(valueKey('wards', 'KP 3')).toBe('kp 3');
    expect(valueKey('modelTypes', 'Tổ dân phố tự quản')).toBe('to dan pho tu quan');
    // The most exact key first.
    expect(entryKeys('wards', 'Xã Tân Nhựt')).toEqual(['xa tan nhut', 'tan nhut']);
  });

  it('names a new entry in full, from a number or an abbreviation', () => {
    expect(proposedName('wards', 'P15')).toBe('Phường 15');
    expect(proposedName('wards', 'P. tân hưng')).toBe('Phường Tân Hưng');
    expect(proposedName('wards', 'Xã Tân Nhựt')).toBe('Xã Tân Nhựt');
    expect(proposedName('neighbourhoods', 'kp.03')).toBe('Khu phố 3');
    expect(proposedName('neighbourhoods', 'Ấp 2')).toBe('Ấp 2');
    expect(proposedName('neighbourhoods', 'tổ dân phố 5')).toBe('Tổ dân phố 5');
    expect(proposedName('neighbourhoods', 'ẤP BÌNH AN')).toBe('Ấp Bình An');
    expect(proposedName('neighbourhoods', 'TỔ DÂN PHỐ 5')).toBe('Tổ dân phố 5');
    expect(proposedName('subjectCategories', 'NGƯỜI SAU CAI NGHIỆN')).toBe('Người sau cai nghiện');
    expect(proposedName('helperOrgs', 'Hội Cựu chiến binh')).toBe('Hội Cựu chiến binh');
  });

  it('guesses an entry from shared words and initials, never from a number', () => {
    const entries = [entry('a', 'Người sau cai nghiện ma túy'), entry('b', 'Người chấp hành xong án phạt tù về địa phương'), entry('c', 'Khu phố 8')];
    expect(suggestEntry('subjectCategories', 'Sau cai nghiện', entries)?.id).toBe('a');
    expect(suggestEntry('subjectCategories', 'Người sau cai nghiện MT', entries)?.id).toBe('a');
    expect(suggestEntry('subjectCategories', 'Chấp hành xong án phạt tù', entries)?.id).toBe('b');
    expect(suggestEntry('neighbourhoods', 'KP 3', entries)).toBeNull();
    expect(suggestEntry('subjectCategories', 'Hội Phụ nữ', entries)).toBeNull();
  });
});

const HEADER = ['STT', 'Họ và tên', 'Năm sinh', 'Giới tính', 'Số CCCD', 'Phường', 'Khu phố', 'Diện đối tượng', 'Tổ chức phụ trách', 'Ngày bắt đầu giúp đỡ'];
const RELEASED = 'Người chấp hành xong án phạt tù về địa phương';

describe('a fresh install takes a roster whose catalogue values it does not know', () => {
  it('asks once per unknown value, adds or maps as chosen, and knows the values the next time', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'phuong-15.xlsx', HEADER, [
      [1, 'Lê Văn Tám', 1980, 'Nam', '079080000101', 'P15', 'KP3', 'Sau cai nghiện', 'Hội Cựu chiến binh', '01/01/2024'], // row 5
      [2, 'Ngô Thị Hai', 1982, 'Nữ', '079182000102', 'Phường 15', 'kp 03', 'Sau cai nghiện', null, '01/01/2024'],
      [3, 'Đỗ Văn Ba', 1979, 'Nam', '079079000103', 'p.15', 'Khu phố 3', RELEASED, null, '01/01/2024'],
      [4, 'Vũ Văn Bốn', 1990, 'Nam', '079090000104', '15', 'KP.4', 'sau cai nghien', null, '01/01/2024'],
      [5, 'Hà Văn Năm', 1991, 'Nam', '079091000105', 'P. Bình Tiên', 'KP 1', RELEASED, null, '01/01/2024'],
    ]);
    const first = await runImport(app, file, 'subjects');
    expect(Object.values(actions(first.preview.rows))).toEqual(['error', 'error', 'error', 'error', 'error']);
    const unknown = Object.fromEntries(first.preview.unknownValues.map((value) => [`${value.catalogue}:${value.text}`, value]));
    // Each value once, however it was written, with how many rows use it.
    expect(Object.keys(unknown).sort()).toEqual(['helperOrgs:Hội Cựu chiến binh', 'neighbourhoods:KP 1', 'neighbourhoods:KP.4', 'neighbourhoods:KP3', 'subjectCategories:Sau cai nghiện', 'wards:P15']);
    expect(unknown['wards:P15']).toMatchObject({ rows: 4, proposedName: 'Phường 15', suggestion: null });
    expect(unknown['neighbourhoods:KP3']).toMatchObject({ rows: 3, proposedName: 'Khu phố 3', wardText: 'P15', wardId: null });
    expect(unknown['neighbourhoods:KP 1']).toMatchObject({ rows: 1, wardText: 'P. Bình Tiên' });
    expect(unknown['neighbourhoods:KP 1']?.wardId).toBeTruthy();
    // A guess is offered, not applied: the rows wait.
    const category = unknown['subjectCategories:Sau cai nghiện'];
    expect(category).toMatchObject({ rows: 3, suggestion: { name: 'Người sau cai nghiện ma túy' } });
    expect(first.preview.rows[0]?.problems.map((problem) => problem.message)).toContain('Diện đối tượng "Sau cai nghiện" chưa có trong danh mục.');
    await first.close();

    const add = (key: string) => ({ key, action: 'add' as const });
    const choices = [
      ...['wards:P15', 'neighbourhoods:KP3', 'neighbourhoods:KP.4', 'neighbourhoods:KP 1', 'helperOrgs:Hội Cựu chiến binh'].map((name) => add(unknown[name]?.key as string)),
      { key: category?.key as string, action: 'map' as const, entryId: category?.suggestion?.id as string },
    ];
    const decided = await runImport(app, file, 'subjects', { catalogueChoices: choices });
    expect(Object.values(actions(decided.preview.rows))).toEqual(['add', 'add', 'add', 'add', 'add']);
    expect(decided.preview.unknownValues.every((value) => value.choice !== null)).toBe(true);
    const summary = await decided.commit();
    expect(summary.added).toBe(5);
    expect(summary.catalogueAdded.map((added) => `${added.catalogue}:${added.name}`).sort()).toEqual([
      'helperOrgs:Hội Cựu chiến binh',
      'neighbourhoods:Khu phố 1',
      'neighbourhoods:Khu phố 3',
      'neighbourhoods:Khu phố 4',
      'wards:Phường 15',
    ]);
    const catalogues = await app.call('catalogues.get', {});
    const ward15 = catalogues.wards.find((ward) => ward.name === 'Phường 15');
    expect(catalogues.wards.filter((ward) => ward.name === 'Phường 15')).toHaveLength(1);
    expect(catalogues.neighbourhoods.filter((kp) => kp.wardId === ward15?.id).map((kp) => kp.name).sort()).toEqual(['Khu phố 3', 'Khu phố 4']);
    const people = (await app.call('subjects.list', {})).rows;
    expect(new Set(people.filter((person) => person.fullName !== 'Hà Văn Năm').map((person) => person.wardId))).toEqual(new Set([ward15?.id]));
    expect(people.filter((person) => person.categoryId === category?.suggestion?.id)).toHaveLength(3);

    // The next roster of the same kind: every value is known now (the mapped wording as an alias).
    const next = await rosterFile(app.dir, 'dot-2.xlsx', HEADER, [[1, 'Phan Văn Sáu', 1970, 'Nam', '079070000106', 'phường 15', 'KP 03', 'SAU CAI NGHIỆN', 'Hội Cựu chiến binh', '01/02/2024']]);
    const again = await runImport(app, next, 'subjects');
    expect(again.preview.unknownValues).toEqual([]);
    expect(actions(again.preview.rows)).toEqual({ 5: 'add' });
    await again.close();

    // The alias shows in the catalogues; removed, the wording is asked about again.
    const [alias] = (await app.call('catalogues.get', {})).aliases;
    expect(alias).toMatchObject({ entryId: category?.suggestion?.id, alias: 'Sau cai nghiện' });
    await app.call('catalogueAliases.remove', { id: alias?.id as string });
    expect((await app.call('catalogues.get', {})).aliases).toEqual([]);
    const asked = await runImport(app, next, 'subjects');
    expect(asked.preview.unknownValues.map((value) => value.text)).toEqual(['SAU CAI NGHIỆN']);
  });

  it('files rows under an old ward out of use as the roster says, and notes it once', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'cu.xlsx', HEADER, [
      [1, 'Lê Văn Bảy', 1970, 'Nam', '079070000107', 'P.7', null, RELEASED, null, '01/01/2018'],
      [2, 'Lê Văn Tám', 1971, 'Nam', '079071000108', 'phường 07', null, RELEASED, null, '01/01/2018'],
    ]);
    const run = await runImport(app, file, 'subjects');
    expect(run.preview.unknownValues).toEqual([]);
    expect(actions(run.preview.rows)).toEqual({ 5: 'add', 6: 'add' });
    expect(run.preview.notes).toContain('Phường "Phường 7" đã thôi sử dụng (đơn vị cũ): 2 dòng được ghi vào mục này như trong tệp.');
  });

  it('adds to the catalogues only for an administrator', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'nhap-lieu.xlsx', HEADER, [[1, 'Lê Văn Tám', 1980, 'Nam', '079080000101', 'P15', null, RELEASED, null, '01/01/2024']]);
    const first = await runImport(app, file, 'subjects');
    const key = first.preview.unknownValues[0]?.key as string;
    await first.close();
    const decided = await runImport(app, file, 'subjects', { catalogueChoices: [{ key, action: 'add' }] });
    const refused = await apiError(app.call('imports.commit', { sessionId: decided.opened.sessionId, skipped: [], sameAs: [] }, EDITOR));
    expect(refused).toMatchObject({ code: 'forbidden', message: expect.stringContaining('Chỉ quản trị viên') });
    expect((await app.call('subjects.list', {})).rows).toEqual([]);
    expect((await app.call('catalogues.get', {})).wards.some((ward) => ward.name === 'Phường 15')).toBe(false);
  });

  it('does not add what the officer chose to add when every row using it is left out', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'bo-qua.xlsx', HEADER, [[1, 'Lê Văn Tám', 1980, 'Nam', '079080000101', 'P15', null, RELEASED, null, '01/01/2024']]);
    const first = await runImport(app, file, 'subjects');
    const key = first.preview.unknownValues[0]?.key as string;
    await first.close();
    const decided = await runImport(app, file, 'subjects', { catalogueChoices: [{ key, action: 'add' }], skipped: [5] });
    expect(await decided.commit()).toMatchObject({ added: 0, catalogueAdded: [] });
    expect((await app.call('catalogues.get', {})).wards.some((ward) => ward.name === 'Phường 15')).toBe(false);
  });
});

describe('ID numbers and likely duplicates', () => {
  it('puts back a leading zero only for a number cell; an ID typed wrong is shown as typed, imported without it only if the officer says so', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'cccd.xlsx', HEADER, [
      [1, 'Lê Văn Một', 1980, 'Nam', 79080000201, 'Phường Bình Tiên', null, RELEASED, null, '01/01/2024'], // a number cell: Excel dropped the zero
      [2, 'Lê Văn Hai', 1981, 'Nam', '79081000202', 'Phường Bình Tiên', null, RELEASED, null, '01/01/2024'], // text, 11 digits
      [3, 'Lê Văn Ba', 1982, 'Nam', '07908200020X', 'Phường Bình Tiên', null, RELEASED, null, '01/01/2024'], // a letter
    ]);
    const first = await runImport(app, file, 'subjects');
    expect(actions(first.preview.rows)).toEqual({ 5: 'add', 6: 'error', 7: 'error' });
    expect(first.preview.rows[0]?.warnings[0]?.message).toBe('Thêm số 0 đầu mà Excel đã bỏ (79080000201 -> 079080000201).');
    expect(first.preview.rows[1]).toMatchObject({ invalidId: '79081000202', problems: [{ field: 'idNumber', message: 'Số CCCD/CMND có 11 chữ số (CCCD có 12, CMND cũ có 9). Hãy sửa, nhập dòng không có số này, hoặc bỏ qua dòng.' }] });
    expect(first.preview.rows[2]?.invalidId).toBe('07908200020X');
    await first.close();

    const decided = await runImport(app, file, 'subjects', { withoutId: [6], skipped: [7] });
    expect(actions(decided.preview.rows)).toEqual({ 5: 'add', 6: 'add', 7: 'skip' });
    await decided.commit();
    const people = Object.fromEntries((await app.call('subjects.list', {})).rows.map((row) => [row.fullName, row]));
    const record = async (name: string) => (await app.call('subjects.get', { id: people[name]?.id as string })).subject;
    expect((await record('Lê Văn Một')).idNumber).toBe('079080000201');
    expect(await record('Lê Văn Hai')).toMatchObject({ idNumber: null, history: 'Số CCCD/CMND ghi trong tệp không hợp lệ: 79081000202' });
    expect(people['Lê Văn Ba']).toBeUndefined();
  });

  it('imports two people of one name, birth year and ward as two records, flags them, and lists them on the duplicates page', async () => {
    const app = await openTestApp();
    const rows = [
      [1, 'Trương Văn Lực', 1988, 'Nam', null, 'Phường Bình Tiên', null, RELEASED, null, '01/01/2024'],
      [2, 'TRƯƠNG VĂN LỰC', 1988, 'Nam', null, 'Phường Bình Tiên', null, RELEASED, null, '01/03/2024'],
      [3, 'Trương Văn Lực', 1988, 'Nam', null, 'Phường Bình Tây', null, RELEASED, null, '01/01/2024'], // another ward: someone else
    ];
    const file = await rosterFile(app.dir, 'trung.xlsx', HEADER, rows);
    const run = await runImport(app, file, 'subjects');
    expect(actions(run.preview.rows)).toEqual({ 5: 'add', 6: 'check', 7: 'add' });
    expect(run.preview.rows[1]?.warnings[0]?.message).toMatch(/^Có thể trùng với dòng 5 của tệp: cùng họ tên, năm sinh, phường\./);
    expect(run.preview.rows[1]?.problems).toEqual([]);
    expect(await run.commit()).toMatchObject({ added: 3, skipped: [] });
    const pairs = await app.call('subjects.duplicatePairs', {});
    expect(pairs.map((pair) => pair.reason)).toEqual(['same_name_birth_year_ward']);
    expect(new Set(pairs.flatMap((pair) => [pair.a.startDate, pair.b.startDate]))).toEqual(new Set(['2024-01-01', '2024-03-01']));

    // The same file again finds each record once and adds nothing.
    const again = await runImport(app, file, 'subjects');
    expect(actions(again.preview.rows)).toEqual({ 5: 'same', 6: 'same', 7: 'same' });
    await again.close();

    // The officer says they are two people: the pair leaves the duplicates page, and both records stay.
    const [pair] = pairs;
    await app.call('subjects.markDistinct', { a: pair?.b.id as string, b: pair?.a.id as string });
    expect(await app.call('subjects.duplicatePairs', {})).toEqual([]);
    expect((await app.call('subjects.list', {})).rows).toHaveLength(3);
  });
});

describe('after the officer merges a likely duplicate', () => {
  it('finds the merged record under the record kept: the same roster again adds nothing', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'gop.xlsx', HEADER, [
      [1, 'Trương Văn Lực', 1988, 'Nam', null, 'Phường Bình Tiên', null, RELEASED, null, '01/01/2024'],
      [2, 'Trương Văn Lực', 1988, 'Nam', null, 'Phường Bình Tiên', null, RELEASED, null, '01/03/2024'],
    ]);
    await (await runImport(app, file, 'subjects')).commit();
    const [pair] = await app.call('subjects.duplicatePairs', {});
    await app.call('subjects.merge', { keepId: pair?.a.id as string, mergeId: pair?.b.id as string });
    const again = await runImport(app, file, 'subjects');
    expect(actions(again.preview.rows)).toEqual({ 5: 'same', 6: 'same' });
    expect(again.preview.rows.flatMap((row) => row.warnings.map((warning) => warning.message))).toEqual(['Hồ sơ này đã được gộp vào hồ sơ Trương Văn Lực: không nhập lại.']);
    expect(await again.commit()).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    expect((await app.call('subjects.list', {})).rows).toHaveLength(1);
  });

  it('a row repeating a record another row updates is a likely duplicate, checked again when that row is skipped', async () => {
    const app = await openTestApp();
    const one = [1, 'Trương Văn Lực', 1988, 'Nam', null, 'Phường Bình Tiên', null, RELEASED, null, '01/01/2024'];
    await (await runImport(app, await rosterFile(app.dir, 'mot.xlsx', HEADER, [one]), 'subjects')).commit();
    const file = await rosterFile(app.dir, 'hai.xlsx', HEADER, [one, [2, ...one.slice(1)]]);
    const run = await runImport(app, file, 'subjects');
    expect(actions(run.preview.rows)).toEqual({ 5: 'same', 6: 'check' });
    expect(run.preview.rows.map((row) => row.recheckOnSkip)).toEqual([true, false]);
    await run.close();
    const skipped = await runImport(app, file, 'subjects', { skipped: [5] });
    expect(actions(skipped.preview.rows)).toEqual({ 5: 'skip', 6: 'same' });
  });
});

describe('the command line on a fresh install', { timeout: 120_000 }, () => {
  it('lists unknown values and leaves their rows out; --add-missing adds them and says which; --likely-duplicates skip leaves those out', async () => {
    const app = await openTestApp();
    const file = await rosterFile(app.dir, 'cli.xlsx', HEADER, [
      [1, 'Lê Văn Tám', 1980, 'Nam', null, 'P15', 'KP3', RELEASED, null, '01/01/2024'],
      [2, 'Lê Văn Tám', 1980, 'Nam', null, 'P.15', 'kp 3', RELEASED, null, '01/01/2024'],
      [3, 'Ngô Văn Chín', 1985, 'Nam', null, 'Phường Bình Tiên', null, 'Sau cai nghiện', null, '01/01/2024'],
    ]);
    await app.workspace.close();
    const plain = await cli('import', 'subjects', file, '--data-dir', app.dir);
    expect(plain.code, plain.stderr).toBe(12);
    expect(plain.stdout).toContain('Chưa có trong danh mục (các dòng dùng chúng bị bỏ qua; thêm --add-missing để thêm vào danh mục):');
    expect(plain.stdout).toContain('  Phường "P15" (2 dòng)');
    expect(plain.stdout).toContain('  Khu phố "KP3" thuộc "P15" (2 dòng)');
    expect(plain.stdout).toContain('  Diện đối tượng "Sau cai nghiện" (1 dòng; có thể là "Người sau cai nghiện ma túy")');
    expect(plain.stdout).toContain('bỏ qua 3.');

    const skipping = await cli('import', 'subjects', file, '--add-missing', '--likely-duplicates', 'skip', '--dry-run', '--data-dir', app.dir);
    expect(skipping.code, skipping.stderr).toBe(12);
    expect(skipping.stdout).toContain('Dòng 6: Có thể trùng (vẫn nhập) — Có thể trùng với dòng 5 của tệp: cùng họ tên, năm sinh, phường.');
    expect(skipping.stdout).toContain('Sẽ thêm vào danh mục: phường "Phường 15", khu phố "Khu phố 3", diện đối tượng "Sau cai nghiện".');

    const adding = await cli('import', 'subjects', file, '--add-missing', '--data-dir', app.dir);
    expect(adding.code, adding.stderr).toBe(0);
    expect(adding.stdout).toContain('Đã thêm vào danh mục: phường "Phường 15", khu phố "Khu phố 3", diện đối tượng "Sau cai nghiện".');
    expect(adding.stdout).toContain('Đã nhập: thêm mới 3, cập nhật 0, đã có không đổi 0, bỏ qua 0.');
    const bad = await cli('import', 'subjects', file, '--likely-duplicates', 'maybe', '--data-dir', app.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--likely-duplicates phải là import hoặc skip.');
  });
});
