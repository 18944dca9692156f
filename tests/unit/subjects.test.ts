/** The register of assisted individuals through the handler table (createHandlers + handleRequest), so validation and access are covered. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemoData } from '../../src/main/demo';
import type { SubjectInput, SubjectListQuery } from '../../src/shared/subjects';
import { searchTerms } from '../../src/shared/text';
import { apiError, EDITOR, fixtures, openTestApp, VIEWER, type TestApp } from './helpers';
import { addDays, addMonths, formatDate, localToday } from '../../src/shared/dates';

async function setup() {
  const app = await openTestApp();
  return { app, ...(await fixtures(app)) };
}

/** Names on the first page of a list query. */
async function names(app: TestApp, query: SubjectListQuery = {}) {
  const page = await app.call('subjects.list', query);
  return page.rows.map((row) => row.fullName);
}

/** dd/mm/yyyy, as the officer types a date. */
const typed = (iso: string) => formatDate(iso);

/** Runs with today's date set (local noon), for the due view's month arithmetic. */
function pretendToday(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  vi.setSystemTime(new Date(year, month - 1, day, 12));
}
afterEach(() => {
  vi.useRealTimers();
});

describe('recording a person', () => {
  it('keeps a birth year alone apart from a full birth date', async () => {
    const { app, subject } = await setup();
    const yearOnly = await app.call('subjects.create', subject({ fullName: '  Nguyễn   Văn Bình '.normalize('NFD'), birth: '1985', idNumber: null }));
    expect(yearOnly).toMatchObject({ fullName: 'Nguyễn Văn Bình', birthYear: 1985, birthDate: null, startDate: '2024-02-01', status: 'dang_giup_do', lastReviewOn: null });
    expect(yearOnly.fullName).toBe(yearOnly.fullName.normalize('NFC'));

    const fullDate = await app.call('subjects.create', subject({ fullName: 'Lê Văn Bình', birth: '12/03/1985', idNumber: '079 085.001 234' }));
    expect(fullDate).toMatchObject({ birthYear: 1985, birthDate: '1985-03-12', idNumber: '079085001234', phone: '0903123456', reintegrationGroup: 'B' });

    const rows = (await app.call('subjects.list', {})).rows;
    expect(rows.map(({ fullName, birthDate, birthYear }) => ({ fullName, birthDate, birthYear }))).toEqual([
      { fullName: 'Lê Văn Bình', birthDate: '1985-03-12', birthYear: 1985 },
      { fullName: 'Nguyễn Văn Bình', birthDate: null, birthYear: 1985 },
    ]);
    expect((await app.call('subjects.get', { id: yearOnly.id })).subject).toMatchObject({ birthYear: 1985, birthDate: null });

    const noBirth = await app.call('subjects.create', subject({ fullName: 'Võ Văn Tài', birth: '', idNumber: null }));
    expect(noBirth).toMatchObject({ birthYear: null, birthDate: null });
  });

  it('refuses invalid input with field messages and writes nothing', async () => {
    const { app, subject, categoryId } = await setup();
    const before = { subjects: await app.rows('subjects'), audit: await app.rows('audit_log'), history: await app.rows('subject_status_changes') };
    const fieldsOf = async (input: SubjectInput) => (await apiError(app.call('subjects.create', input))).fields;

    const noName = await apiError(app.call('subjects.create', subject({ fullName: '  ' })));
    expect(noName.code).toBe('validation');
    expect(noName.message).toBe('Dữ liệu chưa hợp lệ: Họ và tên không được để trống.');
    expect(noName.fields).toContainEqual({ field: 'fullName', message: 'Họ và tên không được để trống.' });

    for (const idNumber of ['12345', '0790850012345', '07908500123A', '07908500']) {
      expect(await fieldsOf(subject({ idNumber })), idNumber).toContainEqual({ field: 'idNumber', message: 'Số CCCD phải gồm 12 chữ số (CMND cũ: 9 chữ số).' });
    }
    expect(await fieldsOf(subject({ plannedEndDate: '31/01/2024' }))).toContainEqual({
      field: 'plannedEndDate',
      message: 'Ngày dự kiến kết thúc phải sau ngày bắt đầu giúp đỡ.',
    });
    expect(await fieldsOf(subject({ birth: '31/02/1985' }))).toContainEqual({ field: 'birth', message: 'Tháng 2 không có ngày 31.' });
    expect(await fieldsOf(subject({ birth: 'tháng 3 năm 1985' }))).toContainEqual({
      field: 'birth',
      message: 'Ngày sinh phải có dạng ngày/tháng/năm (12/03/1985) hoặc chỉ năm sinh (1985).',
    });
    expect(await fieldsOf(subject({ birth: String(new Date().getFullYear() + 1) }))).toContainEqual({ field: 'birth', message: 'Năm sinh phải từ 1900 đến nay.' });
    expect(await fieldsOf(subject({ birth: '1890' }))).toContainEqual({ field: 'birth', message: 'Năm sinh phải từ 1900 đến nay.' });
    expect(await fieldsOf(subject({ startDate: '01/01/2030' }))).toContainEqual({ field: 'startDate', message: 'Ngày bắt đầu giúp đỡ không được sau hôm nay.' });
    expect(await fieldsOf(subject({ startDate: '' }))).toContainEqual({ field: 'startDate', message: 'Vui lòng nhập ngày bắt đầu giúp đỡ.' });
    expect(await fieldsOf(subject({ categoryId: '' }))).toContainEqual({ field: 'categoryId', message: 'Vui lòng chọn diện đối tượng.' });
    expect(await fieldsOf(subject({ gender: 'x' as 'nam' }))).toContainEqual({ field: 'gender', message: 'Vui lòng chọn giới tính.' });

    const group = await apiError(app.call('subjects.create', subject({ categoryId: categoryId('Người sau cai nghiện ma túy'), reintegrationGroup: 'A' })));
    expect(group.code).toBe('validation');
    expect(group.fields).toEqual([{ field: 'reintegrationGroup', message: 'Diện đối tượng này không phân nhóm A, B, C, D.' }]);
    const unknownWard = await apiError(app.call('subjects.create', subject({ wardId: crypto.randomUUID() })));
    expect(unknownWard.fields?.[0]?.field).toBe('wardId');

    expect({ subjects: await app.rows('subjects'), audit: await app.rows('audit_log'), history: await app.rows('subject_status_changes') }).toEqual(before);

    // A 9-digit CMND and a category without groups and no group are fine.
    await app.call('subjects.create', subject({ idNumber: '025123456', categoryId: categoryId('Người sau cai nghiện ma túy'), reintegrationGroup: null }));
  });

  it('refuses the same ID number twice unless confirmed as a different person', async () => {
    const { app, subject } = await setup();
    const first = await app.call('subjects.create', subject());
    const before = await app.rows('subjects');

    const same = await apiError(app.call('subjects.create', subject({ fullName: 'Nguyễn Văn Bính', idNumber: '079.085.001.234' })));
    expect(same.code).toBe('conflict');
    expect(same.fields).toHaveLength(1);
    expect(same.fields?.[0]?.field).toBe('idNumber');
    expect(same.message).toContain('Nguyễn Văn Bình (sinh 12/03/1985)');
    expect(await app.rows('subjects')).toBe(before);

    const second = await app.call('subjects.create', subject({ fullName: 'Nguyễn Văn Bính', confirmedDistinct: true }));
    expect(second.idNumber).toBe('079085001234');

    // Editing something else on the confirmed record does not ask again; changing the number to a used one does.
    await app.edit('subjects.update', { id: second.id, values: subject({ fullName: 'Nguyễn Văn Bính', phone: '0909 000 111' }) });
    const other = await app.call('subjects.create', subject({ fullName: 'Trần Thị An', gender: 'nu', idNumber: '079185009999' }));
    const changed = await apiError(app.edit('subjects.update', { id: other.id, values: subject({ fullName: 'Trần Thị An', gender: 'nu' }) }));
    expect(changed.code).toBe('conflict');
    expect(changed.fields?.[0]?.field).toBe('idNumber');

    // A number that is only in the trash is free again.
    await app.call('subjects.trash', { id: first.id });
    await app.call('subjects.trash', { id: second.id });
    await app.edit('subjects.update', { id: other.id, values: subject({ fullName: 'Trần Thị An', gender: 'nu' }) });
  });

  it('answers not_found for an unknown id and validation for a malformed one', async () => {
    const { app } = await setup();
    expect((await apiError(app.call('subjects.get', { id: crypto.randomUUID() }))).code).toBe('not_found');
    expect((await apiError(app.call('subjects.get', { id: 'abc' }))).code).toBe('validation');
  });
});

describe('searching, filtering, sorting and counting', () => {
  it('finds people without accents, in any normal form, by ID number, alias and address', async () => {
    const { app, subject } = await setup();
    await app.call('subjects.create', subject({ alias: 'Tư Mập' }));
    await app.call('subjects.create', subject({ fullName: 'Trần Thị An', gender: 'nu', idNumber: '079185004321', currentAddress: '45 Lò Gốm, Khu phố 1, Phường Bình Tiên', phone: null }));
    await app.call('subjects.create', subject({ fullName: 'Đặng Văn Bình', idNumber: null, currentAddress: null, permanentAddress: '7 Hậu Giang, Phường Bình Tây', phone: null }));

    expect(await names(app, { search: 'nguyen van binh' })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: 'NGUYEN VAN BINH' })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: 'Nguyễn Văn Bình'.normalize('NFD') })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: 'NGUYỄN VĂN BÌNH'.normalize('NFD') })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: 'binh nguyen' })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: 'dang van binh' })).toEqual(['Đặng Văn Bình']);
    expect(await names(app, { search: 'van binh' })).toEqual(['Đặng Văn Bình', 'Nguyễn Văn Bình']);
    expect(await names(app, { search: '079185004321' })).toEqual(['Trần Thị An']);
    expect(await names(app, { search: '004321' })).toEqual(['Trần Thị An']);
    expect(await names(app, { search: 'tu map' })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: 'lo gom' })).toEqual(['Trần Thị An']);
    expect(await names(app, { search: 'hau giang' })).toEqual(['Đặng Văn Bình']);
    expect(await names(app, { search: 'tran van binh' })).toEqual([]);
    expect(await names(app, { search: '100%' })).toEqual([]); // LIKE wildcards are escaped
    expect(await names(app, { search: '_' })).toEqual([]);
    expect((await app.call('subjects.list', { search: 'van binh' })).total).toBe(2);
    // The reason/history is sensitive: not searchable, and not in the grid's rows.
    expect(await names(app, { search: 'trom cap' })).toEqual([]);
    const row = (await app.call('subjects.list', {})).rows[0]!;
    expect(row).not.toHaveProperty('idNumber');
    expect(row).not.toHaveProperty('history');
  });

  it('filters by ward, category, group, status, helper organisation and start year, and counts under the filter', async () => {
    const { app, subject, wardId, categoryId, helperOrgId } = await setup();
    const prison = categoryId('Người chấp hành xong án phạt tù về địa phương');
    const drugs = categoryId('Người sau cai nghiện ma túy');
    await app.call('subjects.create', subject({ fullName: 'Người A', idNumber: null, reintegrationGroup: 'A' }));
    await app.call('subjects.create', subject({ fullName: 'Người B', idNumber: null, reintegrationGroup: 'C', wardId: wardId('Phường Phú Lâm'), startDate: '15/06/2023' }));
    await app.call('subjects.create', subject({ fullName: 'Người C', idNumber: null, categoryId: drugs, reintegrationGroup: null, helperOrgId: helperOrgId('Hội Liên hiệp Phụ nữ') }));
    const d = await app.call('subjects.create', subject({ fullName: 'Người D', idNumber: null, categoryId: drugs, reintegrationGroup: null, wardId: wardId('Phường Phú Lâm') }));
    await app.call('subjects.changeStatus', { id: d.id, status: 'tai_pham', changedOn: '01/05/2024', reason: 'Tái phạm' });

    expect(await names(app, { wardId: wardId('Phường Phú Lâm') })).toEqual(['Người B', 'Người D']);
    expect(await names(app, { categoryId: drugs })).toEqual(['Người C', 'Người D']);
    expect(await names(app, { group: 'C' })).toEqual(['Người B']);
    expect(await names(app, { status: 'tai_pham' })).toEqual(['Người D']);
    expect(await names(app, { helperOrgId: helperOrgId('Hội Liên hiệp Phụ nữ') })).toEqual(['Người C']);
    expect(await names(app, { startYear: 2023 })).toEqual(['Người B']);
    expect(await names(app, { startYear: 2024, wardId: wardId('Phường Phú Lâm') })).toEqual(['Người D']);
    expect(await names(app, { wardId: wardId('Phường Phú Lâm'), status: 'dang_giup_do' })).toEqual(['Người B']);

    const counts = await app.call('subjects.counts', {});
    expect(counts.total).toBe(4);
    expect(counts.byCategory).toEqual([
      { id: prison, name: 'Người chấp hành xong án phạt tù về địa phương', count: 2 },
      { id: drugs, name: 'Người sau cai nghiện ma túy', count: 2 },
    ]);
    expect(counts.byStatus).toHaveLength(2);
    expect(counts.byStatus).toEqual(expect.arrayContaining([{ status: 'dang_giup_do', count: 3 }, { status: 'tai_pham', count: 1 }]));

    const filtered = await app.call('subjects.counts', { wardId: wardId('Phường Phú Lâm') });
    expect(filtered.total).toBe(2);
    expect(filtered.byCategory.map((row) => [row.name, row.count])).toEqual([
      ['Người chấp hành xong án phạt tù về địa phương', 1],
      ['Người sau cai nghiện ma túy', 1],
    ]);
    expect(filtered.byStatus).toEqual(expect.arrayContaining([{ status: 'dang_giup_do', count: 1 }, { status: 'tai_pham', count: 1 }]));
  });

  it('sorts in roster order (given name first) and pages with a total', async () => {
    const { app, subject } = await setup();
    const expected = ['Trần Thị An', 'Lê Văn Bình', 'Nguyễn Văn Bình', 'Nguyễn Thị Bính', 'Phạm Văn Đức', 'Võ Minh Ướt'];
    for (const fullName of [...expected].reverse()) await app.call('subjects.create', subject({ fullName, idNumber: null }));

    expect(await names(app)).toEqual(expected);
    expect(await names(app, { sort: { field: 'rosterName', direction: 'desc' } })).toEqual([...expected].reverse());

    const pages = [];
    for (let offset = 0; offset < expected.length; offset += 4) {
      const page = await app.call('subjects.list', { offset, limit: 4 });
      expect(page.total).toBe(expected.length);
      pages.push(...page.rows.map((row) => row.fullName));
    }
    expect(pages).toEqual(expected);
    expect((await app.call('subjects.list', { offset: 100 })).rows).toEqual([]);
  });

  it('sorts by birth with years alone and full dates mixed', async () => {
    const { app, subject } = await setup();
    const births = { A: '31/12/1984', B: '1985', C: '12/03/1985', D: '01/01/1985', E: '1986', F: '1984' };
    for (const [fullName, birth] of Object.entries(births)) await app.call('subjects.create', subject({ fullName: `Người ${fullName}`, birth, idNumber: null }));
    const sorted = ['Người F', 'Người A', 'Người B', 'Người D', 'Người C', 'Người E'];
    expect(await names(app, { sort: { field: 'birth', direction: 'asc' } })).toEqual(sorted);
    expect(await names(app, { sort: { field: 'birth', direction: 'desc' } })).toEqual([...sorted].reverse());
  });

  it('sorts by the other columns', async () => {
    const { app, subject, wardId } = await setup();
    await app.call('subjects.create', subject({ fullName: 'Người A', idNumber: null, wardId: wardId('Phường Phú Lâm'), startDate: '01/03/2024', plannedEndDate: '01/03/2025' }));
    await app.call('subjects.create', subject({ fullName: 'Người B', idNumber: null, wardId: wardId('Phường Bình Tây'), startDate: '01/01/2024', plannedEndDate: '01/06/2025' }));
    expect(await names(app, { sort: { field: 'wardName', direction: 'asc' } })).toEqual(['Người B', 'Người A']);
    expect(await names(app, { sort: { field: 'startDate', direction: 'asc' } })).toEqual(['Người B', 'Người A']);
    expect(await names(app, { sort: { field: 'plannedEndDate', direction: 'desc' } })).toEqual(['Người B', 'Người A']);
    expect(await names(app, { sort: { field: 'updatedAt', direction: 'asc' } })).toHaveLength(2);
  });
});

describe('searching at size', () => {
  it('finds the same rows whichever way a search is answered (search index, index walk, LIKE)', async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 0.01, people: 2500 });
    type Row = { id: string; search_text: string; sort_key: string; ward_id: string; category_id: string; status: string; deleted_at: string | null };
    const trashedIds = (await app.query<{ id: string }>('select id from subjects order by seq limit 3 offset 100')).map((row) => row.id);
    for (const id of trashedIds) await app.call('subjects.trash', { id });
    const all = await app.query<Row>('select id, search_text, sort_key, ward_id, category_id, status, deleted_at from subjects');
    const groupKeys = new Map(
      (await app.query<{ id: string; sort_key: string }>('select id, sort_key from wards union all select id, sort_key from subject_categories')).map((row) => [
        row.id,
        `${row.sort_key}\u0000${row.id}`,
      ]),
    );
    const [rare] = (await app.query<{ n: string }>('select id_number as n from subjects where length(id_number) = 12 and deleted_at is null order by seq limit 1 offset 1234')).map((row) => row.n);
    const [trashedName] = (await app.query<{ n: string }>('select full_name as n from subjects where id = ?', trashedIds[0])).map((row) => row.n);
    const [ward] = (await app.query<{ id: string }>("select id from wards where name = 'Phường Bình Tây'")).map((row) => row.id);
    const byRoster = (a: Row, b: Row) => (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

    const cases: SubjectListQuery[] = [
      { search: 'binh' }, // most rows: walks the roster index
      { search: 'van' },
      { search: 'nguyen van binh' },
      { search: rare },
      { search: 'an' }, // short: LIKE only
      { search: 'tran thi an' }, // search index and LIKE
      { search: 'BA HOM' },
      { search: 'binh', wardId: ward, status: 'dang_giup_do' },
      { search: 'nguyen', wardId: ward },
      { search: 'khu pho', sort: { field: 'rosterName', direction: 'desc' } },
      { sort: { field: 'wardName', direction: 'desc' } }, // counted per ward, read ward by ward
      { search: 'van', sort: { field: 'categoryName', direction: 'asc' } }, // few matches: read and sorted
      { search: 'binh', status: 'dang_giup_do', sort: { field: 'categoryName', direction: 'asc' } },
      { search: 'khong co ai ten nay' },
      { search: trashedName, trashed: true },
      { search: '', trashed: true },
    ];
    for (const query of cases) {
      const terms = searchTerms(query.search ?? '');
      const expected = all
        .filter((row) => (query.trashed ? row.deleted_at !== null : row.deleted_at === null))
        .filter((row) => terms.every((term) => row.search_text.includes(term)))
        .filter((row) => (!query.wardId || row.ward_id === query.wardId) && (!query.status || row.status === query.status))
        .sort((a, b) => {
          const group = query.sort?.field === 'wardName' ? 'ward_id' : query.sort?.field === 'categoryName' ? 'category_id' : null;
          const [x, y] = group ? [groupKeys.get(a[group])!, groupKeys.get(b[group])!] : ['', ''];
          return x < y ? -1 : x > y ? 1 : byRoster(a, b);
        })
        .map((row) => row.id);
      if (query.sort?.direction === 'desc') expected.reverse();
      const found: string[] = [];
      let total = -1;
      for (let offset = 0; offset === 0 || offset < total; offset += 1000) {
        const page = await app.call('subjects.list', { ...query, offset, limit: 1000 });
        total = page.total;
        found.push(...page.rows.map((row) => row.id));
      }
      const label = JSON.stringify(query);
      expect(total, label).toBe(expected.length);
      expect(found, label).toEqual(expected);
      expect((await app.call('subjects.counts', query)).total, label).toBe(expected.length);
    }
    expect(all.filter((row) => row.search_text.includes('binh') && row.deleted_at === null).length).toBeGreaterThan(2000);
  });
});

describe('reviews and the due view', () => {
  it('keeps lastReviewOn in step as reviews are added, changed and removed', async () => {
    const { app, subject } = await setup();
    const person = await app.call('subjects.create', subject());
    const review = (reviewedOn: string) => ({ subjectId: person.id, reviewedOn, period: 'Tháng', result: 'tien_bo' as const, jobSituation: 'Phụ hồ', reviewer: 'Trần Văn Hùng' });
    const lastReviewOn = async () => {
      const fromList = (await app.call('subjects.list', {})).rows[0]!.lastReviewOn;
      const detail = await app.call('subjects.get', { id: person.id });
      expect(detail.subject.lastReviewOn).toBe(fromList);
      return fromList;
    };

    const first = await app.call('reviews.create', review('15/03/2024'));
    expect(first).toMatchObject({ reviewedOn: '2024-03-15', result: 'tien_bo', jobSituation: 'Phụ hồ' });
    const second = await app.call('reviews.create', review('15/04/2024'));
    expect(await lastReviewOn()).toBe('2024-04-15');
    expect((await app.call('subjects.get', { id: person.id })).reviews.map((row) => row.reviewedOn)).toEqual(['2024-04-15', '2024-03-15']);

    await app.edit('reviews.update', { id: second.id, values: review('10/03/2024') });
    expect(await lastReviewOn()).toBe('2024-03-15');
    await app.call('reviews.remove', { id: first.id });
    expect(await lastReviewOn()).toBe('2024-03-10');
    await app.call('reviews.remove', { id: second.id });
    expect(await lastReviewOn()).toBeNull();
    expect((await app.call('subjects.get', { id: person.id })).reviews).toEqual([]);
    expect((await apiError(app.call('reviews.remove', { id: second.id }))).code).toBe('not_found');
  });

  it('refuses reviews before the start, in the future or without a result', async () => {
    const { app, subject } = await setup();
    const person = await app.call('subjects.create', subject());
    const tomorrow = typed(addDays(localToday(), 1));
    const fields = async (promise: Promise<unknown>) => (await apiError(promise)).fields;
    expect(await fields(app.call('reviews.create', { subjectId: person.id, reviewedOn: '31/01/2024', result: 'tien_bo' }))).toContainEqual({
      field: 'reviewedOn',
      message: 'Ngày đánh giá không được trước ngày bắt đầu giúp đỡ.',
    });
    expect(await fields(app.call('reviews.create', { subjectId: person.id, reviewedOn: tomorrow, result: 'tien_bo' }))).toContainEqual({
      field: 'reviewedOn',
      message: 'Ngày đánh giá không được sau hôm nay.',
    });
    expect(await fields(app.call('reviews.create', { subjectId: person.id, reviewedOn: '01/03/2024' } as never))).toContainEqual({
      field: 'result',
      message: 'Vui lòng chọn kết quả đánh giá.',
    });
    const review = await app.call('reviews.create', { subjectId: person.id, reviewedOn: '01/03/2024', result: 'vi_pham' });
    expect(await fields(app.edit('reviews.update', { id: review.id, values: { subjectId: person.id, reviewedOn: tomorrow, result: 'vi_pham' } }))).toContainEqual({
      field: 'reviewedOn',
      message: 'Ngày đánh giá không được sau hôm nay.',
    });
    expect(await app.rows('subject_reviews')).toBe(1);
  });

  it('lists who is overdue, due this week and near the planned end, by the review interval', async () => {
    const { app, subject } = await setup();
    const today = localToday();
    const create = (fullName: string, overrides: Partial<SubjectInput>) => app.call('subjects.create', subject({ fullName, idNumber: null, ...overrides }));
    const overdue = await create('Quá Hạn', { startDate: typed(addMonths(today, -3)) });
    const dueSoon = await create('Sắp Đến Hạn', { startDate: typed(addMonths(today, -6)) });
    await app.call('reviews.create', { subjectId: dueSoon.id, reviewedOn: typed(addDays(today, -26)), result: 'tien_bo' });
    const ending = await create('Sắp Kết Thúc', { startDate: typed(addDays(today, -10)), plannedEndDate: typed(addDays(today, 10)) });
    const twoMonths = await create('Hai Tháng', { startDate: typed(addDays(today, -70)) });
    const fine = await create('Đúng Hạn', { startDate: typed(addMonths(today, -6)) });
    await app.call('reviews.create', { subjectId: fine.id, reviewedOn: typed(addDays(today, -3)), result: 'tien_bo' });

    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
    let due = await app.call('subjects.due', {});
    expect(due.intervalMonths).toBe(1);
    expect(due.today).toBe(today);
    expect(ids(due.overdue)).toEqual([overdue.id, twoMonths.id]);
    expect(due.overdue[0]?.dueOn).toBe(addMonths(addMonths(today, -3), 1));
    expect(ids(due.dueThisWeek)).toEqual([dueSoon.id]);
    expect(due.dueThisWeek[0]?.dueOn).toBe(addMonths(addDays(today, -26), 1));
    expect(ids(due.endingSoon)).toEqual([ending.id]);
    expect(due.counts).toEqual({ overdue: 2, dueThisWeek: 1, endingSoon: 1 });
    expect(await app.call('subjects.dueCounts', {})).toEqual(due.counts);
    expect((await app.call('subjects.get', { id: dueSoon.id })).nextReviewDue).toBe(addMonths(addDays(today, -26), 1));

    // Every three months: the one started 70 days ago is not due yet; the one started three months ago is
    // due today (or, at the end of a month, was due a day or three ago: 31/05 - 3 months + 3 months = 28/05).
    expect((await apiError(app.call('subjects.setReviewInterval', { months: 3 }, EDITOR))).code).toBe('forbidden');
    expect((await apiError(app.call('subjects.setReviewInterval', { months: 0 }))).fields).toContainEqual({ field: 'months', message: 'Chu kỳ đánh giá ít nhất 1 tháng.' });
    expect(await app.call('subjects.setReviewInterval', { months: 3 })).toEqual({ reviewIntervalMonths: 3 });
    expect(await app.call('subjects.settings', {})).toEqual({ reviewIntervalMonths: 3 });
    due = await app.call('subjects.due', {});
    expect(due.intervalMonths).toBe(3);
    const dueEveryThree = addMonths(addMonths(today, -3), 3);
    expect(ids([...due.overdue, ...due.dueThisWeek])).toEqual([overdue.id]);
    expect(ids(due.overdue)).toEqual(dueEveryThree < today ? [overdue.id] : []);
    expect([...due.overdue, ...due.dueThisWeek][0]?.dueOn).toBe(dueEveryThree);
    await app.call('subjects.setReviewInterval', { months: 1 });

    // Marked as progressed: out of the due view, and the change is kept in the history.
    await app.call('subjects.changeStatus', { id: overdue.id, status: 'da_tien_bo', changedOn: typed(today), reason: 'Tiến bộ rõ rệt' });
    due = await app.call('subjects.due', {});
    expect(ids(due.overdue)).toEqual([twoMonths.id]);
    expect(due.counts.overdue).toBe(1);
    const detail = await app.call('subjects.get', { id: overdue.id });
    expect(detail.subject.status).toBe('da_tien_bo');
    expect(detail.nextReviewDue).toBeNull();
    expect(detail.statusChanges.map(({ fromStatus, toStatus, changedOn, reason }) => ({ fromStatus, toStatus, changedOn, reason }))).toEqual([
      { fromStatus: 'dang_giup_do', toStatus: 'da_tien_bo', changedOn: today, reason: 'Tiến bộ rõ rệt' },
      { fromStatus: null, toStatus: 'dang_giup_do', changedOn: addMonths(today, -3), reason: 'Bắt đầu giúp đỡ' },
    ]);
    const same = await apiError(app.call('subjects.changeStatus', { id: overdue.id, status: 'da_tien_bo', changedOn: typed(today) }));
    expect(same.fields?.[0]?.field).toBe('status');

    // The trash is not due either.
    await app.call('subjects.trash', { id: ending.id });
    expect((await app.call('subjects.dueCounts', {})).endingSoon).toBe(0);
  });

  it('counts a review as overdue from the day after its due date, at the end of a month too', async () => {
    const { app, subject } = await setup();
    pretendToday('2025-03-30');
    expect(localToday()).toBe('2025-03-30');
    const person = await app.call('subjects.create', subject({ idNumber: null, startDate: '01/01/2025' }));
    await app.call('reviews.create', { subjectId: person.id, reviewedOn: '28/02/2025', result: 'tien_bo' });
    const due = await app.call('subjects.due', {});
    expect(due.overdue.map((row) => [row.fullName, row.dueOn])).toEqual([['Nguyễn Văn Bình', '2025-03-28']]);
    expect(due.counts).toMatchObject({ overdue: 1, dueThisWeek: 0 });

    // Reviewed on 31/01, due on 28/02 (no 31st): due this week on 25/02, due today on 28/02, overdue on 01/03.
    const other = await app.call('subjects.create', subject({ fullName: 'Lê Văn Bình', idNumber: null, startDate: '01/01/2025' }));
    await app.call('reviews.create', { subjectId: other.id, reviewedOn: '31/01/2025', result: 'tien_bo' });
    await app.call('subjects.trash', { id: person.id });
    const where = async (day: string) => {
      pretendToday(day);
      const list = await app.call('subjects.due', {});
      return { overdue: list.overdue.length, dueThisWeek: list.dueThisWeek.map((row) => row.dueOn) };
    };
    expect(await where('2025-02-20')).toEqual({ overdue: 0, dueThisWeek: [] });
    expect(await where('2025-02-22')).toEqual({ overdue: 0, dueThisWeek: ['2025-02-28'] });
    expect(await where('2025-02-28')).toEqual({ overdue: 0, dueThisWeek: ['2025-02-28'] });
    expect(await where('2025-03-01')).toEqual({ overdue: 1, dueThisWeek: [] });
  });
});

describe('duplicates and merging', () => {
  it('warns about the same ID number, or the same name, birth year and ward', async () => {
    const { app, subject, wardId } = await setup();
    const person = await app.call('subjects.create', subject());
    const check = (input: { id?: string; fullName?: string; birth?: string; wardId?: string; idNumber?: string }) =>
      app.call('subjects.findDuplicates', { fullName: '', ...input }).then((rows) => rows.map((row) => [row.subject.fullName, row.reasons]));

    expect(await check({ fullName: 'Ai Đó', idNumber: '079 085 001 234' })).toEqual([['Nguyễn Văn Bình', ['same_id_number']]]);
    expect(await check({ fullName: 'NGUYEN VAN BINH', birth: '1985', wardId: wardId('Phường Bình Tiên') })).toEqual([['Nguyễn Văn Bình', ['same_name_birth_year_ward']]]);
    expect(await check({ fullName: 'Nguyễn Văn Bình'.normalize('NFD'), birth: '01/01/1985', wardId: wardId('Phường Bình Tiên'), idNumber: '079085001234' })).toEqual([
      ['Nguyễn Văn Bình', ['same_id_number', 'same_name_birth_year_ward']],
    ]);
    expect(await check({ fullName: 'Nguyễn Văn Bình', birth: '1985', wardId: wardId('Phường Phú Lâm') })).toEqual([]);
    expect(await check({ fullName: 'Nguyễn Văn Bình', birth: '1986', wardId: wardId('Phường Bình Tiên') })).toEqual([]);
    expect(await check({ id: person.id, fullName: 'Nguyễn Văn Bình', birth: '1985', wardId: wardId('Phường Bình Tiên'), idNumber: '079085001234' })).toEqual([]);
    await app.call('subjects.trash', { id: person.id });
    expect(await check({ fullName: 'Nguyễn Văn Bình', birth: '1985', wardId: wardId('Phường Bình Tiên'), idNumber: '079085001234' })).toEqual([]);
  });

  it('lists likely duplicate pairs across the register', async () => {
    const { app, subject, wardId } = await setup();
    const a = await app.call('subjects.create', subject());
    const b = await app.call('subjects.create', subject({ birth: '1985', idNumber: null, currentAddress: 'Không rõ' }));
    const c = await app.call('subjects.create', subject({ fullName: 'Trần Thị An', gender: 'nu', birth: '1990', idNumber: '079190000001' }));
    const d = await app.call('subjects.create', subject({ fullName: 'Trần Thị Ân', gender: 'nu', birth: '1991', idNumber: '079190000001', confirmedDistinct: true }));
    await app.call('subjects.create', subject({ birth: '1985', idNumber: null, wardId: wardId('Phường Phú Lâm') }));

    const pairs = await app.call('subjects.duplicatePairs', {});
    const key = (x: string, y: string) => [x, y].sort().join(':');
    expect(pairs.map((pair) => [key(pair.a.id, pair.b.id), pair.reason]).sort()).toEqual(
      [
        [key(a.id, b.id), 'same_name_birth_year_ward'],
        [key(c.id, d.id), 'same_id_number'],
      ].sort(),
    );
    await app.call('subjects.trash', { id: b.id });
    expect((await app.call('subjects.duplicatePairs', {})).map((pair) => pair.reason)).toEqual(['same_id_number']);
  });

  it('merges two records: reviews and history moved, empty fields filled, the other trashed and audited', async () => {
    const { app, subject, categoryId } = await setup();
    const keep = await app.call('subjects.create', subject({ birth: '1985', idNumber: null, phone: null, alias: null, history: null, helperName: null }));
    const merge = await app.call('subjects.create', subject({ alias: 'Tư Mập', startDate: '01/06/2023', categoryId: categoryId('Người sau cai nghiện ma túy'), reintegrationGroup: null }));
    await app.call('reviews.create', { subjectId: keep.id, reviewedOn: '01/03/2024', result: 'tien_bo' });
    await app.call('reviews.create', { subjectId: merge.id, reviewedOn: '01/07/2023', result: 'chua_tien_bo' });
    await app.call('reviews.create', { subjectId: merge.id, reviewedOn: '01/05/2024', result: 'tien_bo' });
    await app.call('subjects.changeStatus', { id: merge.id, status: 'tai_pham', changedOn: '01/06/2024', reason: 'Tái phạm' });

    expect((await apiError(app.call('subjects.merge', { keepId: keep.id, mergeId: keep.id }))).message).toBe('Dữ liệu chưa hợp lệ: Không thể gộp một hồ sơ với chính nó.');
    const merged = await app.call('subjects.merge', { keepId: keep.id, mergeId: merge.id });
    expect(merged).toMatchObject({
      id: keep.id,
      fullName: 'Nguyễn Văn Bình',
      alias: 'Tư Mập',
      birthDate: '1985-03-12',
      birthYear: 1985,
      idNumber: '079085001234',
      phone: '0903123456',
      history: 'Năm 2019 bị xử phạt 3 năm tù về tội "Trộm cắp tài sản".',
      helperName: 'Trần Văn Hùng',
      startDate: '2024-02-01',
      status: 'dang_giup_do',
      reintegrationGroup: 'B',
      lastReviewOn: '2024-05-01',
      deletedAt: null,
    });

    const detail = await app.call('subjects.get', { id: keep.id });
    expect(detail.reviews.map((row) => row.reviewedOn)).toEqual(['2024-05-01', '2024-03-01', '2023-07-01']);
    expect(detail.statusChanges.map((row) => row.toStatus)).toEqual(['tai_pham', 'dang_giup_do', 'dang_giup_do']);

    const gone = (await app.call('subjects.get', { id: merge.id })).subject;
    expect(gone.mergedInto).toBe(keep.id);
    expect(gone.deletedAt).not.toBeNull();
    expect(await names(app)).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: 'tu map' })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { search: '079085001234' })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { trashed: true })).toEqual(['Nguyễn Văn Bình']); // in the Trash, marked merged (subject-merge.test.ts)
    expect((await apiError(app.call('subjects.restore', { id: merge.id }))).code).toBe('conflict'); // taken out with subjects.unmerge only
    expect((await apiError(app.call('subjects.merge', { keepId: keep.id, mergeId: merge.id }))).code).toBe('not_found');
    expect(await app.call('subjects.duplicatePairs', {})).toEqual([]);

    // Birth: the full date came with its year; sorting by birth uses it.
    const other = await app.call('subjects.create', subject({ fullName: 'Lê Văn An', birth: '01/01/1985', idNumber: null }));
    expect(await names(app, { sort: { field: 'birth', direction: 'asc' } })).toEqual([other.fullName, 'Nguyễn Văn Bình']);

    for (const id of [keep.id, merge.id]) {
      const entries = await app.call('audit.forEntity', { entity: 'subject', entityId: id });
      const entry = entries.find((row) => row.action === 'merge');
      expect(entry?.after).toMatchObject({ keepId: keep.id, mergeId: merge.id, movedReviews: 2 });
    }
  });
});

describe('trash, sensitive fields and access', () => {
  it('hides trashed people, shows them with trashed: true, and restores them', async () => {
    const { app, subject } = await setup();
    const person = await app.call('subjects.create', subject());
    await app.call('subjects.create', subject({ fullName: 'Trần Thị An', gender: 'nu', idNumber: null }));
    await app.call('reviews.create', { subjectId: person.id, reviewedOn: '01/03/2024', result: 'tien_bo' });

    const trashed = await app.call('subjects.trash', { id: person.id });
    expect(trashed.deletedAt).not.toBeNull();
    expect(await names(app)).toEqual(['Trần Thị An']);
    expect(await names(app, { search: 'nguyen van binh' })).toEqual([]);
    expect(await names(app, { trashed: true })).toEqual(['Nguyễn Văn Bình']);
    expect(await names(app, { trashed: true, search: 'nguyen van binh' })).toEqual(['Nguyễn Văn Bình']);
    expect((await app.call('subjects.counts', {})).total).toBe(1);
    expect((await app.call('app.info', {})).counts).toMatchObject({ subjects: 1 });
    expect((await apiError(app.call('subjects.trash', { id: person.id }))).code).toBe('conflict');
    expect((await apiError(app.call('reviews.create', { subjectId: person.id, reviewedOn: '02/03/2024', result: 'tien_bo' }))).code).toBe('not_found');
    expect((await apiError(app.edit('subjects.update', { id: person.id, values: subject() }))).code).toBe('not_found');

    await app.call('subjects.restore', { id: person.id });
    expect(await names(app)).toEqual(['Trần Thị An', 'Nguyễn Văn Bình']);
    expect(await names(app, { search: 'nguyen van binh' })).toEqual(['Nguyễn Văn Bình']);

    // A changed name is found by the new name only.
    await app.edit('subjects.update', { id: person.id, values: subject({ fullName: 'Nguyễn Văn Bảo', currentAddress: '45 Lò Gốm, Khu phố 1' }) });
    expect(await names(app, { search: 'nguyen van binh' })).toEqual([]);
    expect(await names(app, { search: 'ba hom' })).toEqual(['Trần Thị An']); // not him: his address changed
    expect(await names(app, { search: 'van bao' })).toEqual(['Nguyễn Văn Bảo']);
    expect((await app.call('subjects.get', { id: person.id })).reviews).toHaveLength(1);
    expect((await apiError(app.call('subjects.restore', { id: person.id }))).code).toBe('conflict');
    const actions = (await app.call('audit.forEntity', { entity: 'subject', entityId: person.id })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'trash', 'restore']));
  });

  it('audits every view of a full record and every person whose sensitive fields are shown', async () => {
    const { app, subject } = await setup();
    const a = await app.call('subjects.create', subject());
    const b = await app.call('subjects.create', subject({ fullName: 'Trần Thị An', gender: 'nu', idNumber: '079185004321', history: 'Cai nghiện năm 2020.' }));
    const views = async (id: string) => (await app.call('audit.forEntity', { entity: 'subject', entityId: id })).filter((entry) => entry.action === 'view');

    const listed = await app.rows('audit_log');
    await app.call('subjects.list', {});
    expect(await app.rows('audit_log')).toBe(listed); // the grid shows no sensitive field: not a view

    // A data-entry officer sees them (a read-only one never does: accounts.test.ts).
    const detail = await app.call('subjects.get', { id: a.id }, EDITOR);
    expect(detail.subject).toMatchObject({ idNumber: '079085001234', history: 'Năm 2019 bị xử phạt 3 năm tù về tội "Trộm cắp tài sản".' });
    expect(await views(a.id)).toHaveLength(1);

    const sensitive = await app.call('subjects.sensitive', { ids: [a.id, b.id] }, EDITOR);
    expect(sensitive).toEqual(
      expect.arrayContaining([
        { id: a.id, idNumber: '079085001234', history: 'Năm 2019 bị xử phạt 3 năm tù về tội "Trộm cắp tài sản".' },
        { id: b.id, idNumber: '079185004321', history: 'Cai nghiện năm 2020.' },
      ]),
    );
    expect(await views(a.id)).toHaveLength(2);
    expect(await views(b.id)).toHaveLength(1);
    expect(await app.query("select user_id from audit_log where action = 'view' and entity_id = ?", b.id)).toEqual([{ user_id: EDITOR.id }]);
    expect(await app.call('subjects.sensitive', { ids: [] })).toEqual([]);
  });

  it('lets a viewer read but not write, and an editor write but not change the interval', async () => {
    const { app, subject } = await setup();
    const before = { subjects: await app.rows('subjects'), audit: await app.rows('audit_log') };
    const response = await app.request('subjects.create', subject(), VIEWER);
    expect(response).toEqual({ ok: false, error: { code: 'forbidden', message: 'Tài khoản của bạn không có quyền thực hiện thao tác này.' } });
    expect({ subjects: await app.rows('subjects'), audit: await app.rows('audit_log') }).toEqual(before);
    expect((await app.call('subjects.list', {}, VIEWER)).total).toBe(0);
    expect(await app.call('subjects.dueCounts', {}, VIEWER)).toEqual({ overdue: 0, dueThisWeek: 0, endingSoon: 0 });

    const person = await app.call('subjects.create', subject(), EDITOR);
    for (const [method, input] of [
      ['reviews.create', { subjectId: person.id, reviewedOn: '01/03/2024', result: 'tien_bo' }],
      ['subjects.changeStatus', { id: person.id, status: 'chuyen_di', changedOn: '01/03/2024' }],
      ['subjects.trash', { id: person.id }],
      ['subjects.merge', { keepId: person.id, mergeId: crypto.randomUUID() }],
    ] as const) {
      expect((await apiError(app.call(method, input as never, VIEWER))).code, method).toBe('forbidden');
    }
    expect((await apiError(app.call('subjects.setReviewInterval', { months: 2 }, EDITOR))).code).toBe('forbidden');
    expect(await app.query("select user_id from audit_log where action = 'create' and entity_id = ?", person.id)).toEqual([{ user_id: EDITOR.id }]);
  });
});
