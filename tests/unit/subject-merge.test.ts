/**
 * Merges are visible and reversible (issue 13 point 3): the merged record is in the Trash marked with the
 * record it went into, and "Hoàn tác gộp" puts both records back exactly as they were, row by row.
 */
import { describe, expect, it } from 'vitest';
import type { SubjectListQuery } from '../../src/shared/subjects';
import { apiError, fixtures, openTestApp, VIEWER, type TestApp } from './helpers';

async function setup() {
  const app = await openTestApp();
  return { app, ...(await fixtures(app)) };
}

/**
 * Every stored row of the two records, their reviews and their status history, all columns, read with
 * plain SQL. Left out: the two records' updated_at / updated_by / version, which say who last wrote the row,
 * when, and how many saves it has had (the undo is a write: a form opened before it must not save over it;
 * the audit log keeps the who and when of each step). The reviews' and the
 * status changes' stamps are kept: moving them does not touch them.
 */
async function snapshot(app: TestApp, ids: string[]) {
  const marks = ids.map(() => '?').join(', ');
  const all = (query: string) => app.query(query, ...ids);
  return {
    subjects: (await all(`select * from subjects where id in (${marks}) order by id`)).map(({ updated_at: _at, updated_by: _by, version: _version, ...row }) => row),
    reviews: await all(`select * from subject_reviews where subject_id in (${marks}) order by id`),
    statusChanges: await all(`select * from subject_status_changes where subject_id in (${marks}) order by id`),
  };
}

async function names(app: TestApp, query: SubjectListQuery = {}) {
  return (await app.call('subjects.list', query)).rows.map((row) => row.fullName);
}

/** Two records of one person, each with what the other lacks, reviews (one in the Trash) and status history. */
async function twoRecords(app: TestApp, subject: Awaited<ReturnType<typeof setup>>['subject']) {
  const keep = await app.call('subjects.create', subject({ birth: '1985', idNumber: null, phone: null, alias: null, helperName: null, history: 'Năm 2015 bị xử phạt hành chính.' }));
  const merge = await app.call(
    'subjects.create',
    subject({ alias: 'Tư Mập', permanentAddress: '45 Lò Gốm, Phường Bình Tiên', startDate: '01/06/2023', confirmedDistinct: true, plannedEndDate: '01/06/2026' }),
  );
  await app.call('reviews.create', { subjectId: keep.id, reviewedOn: '01/03/2024', result: 'tien_bo' });
  await app.call('reviews.create', { subjectId: merge.id, reviewedOn: '01/07/2023', result: 'chua_tien_bo', notes: 'Chưa có việc làm' });
  await app.call('reviews.create', { subjectId: merge.id, reviewedOn: '01/05/2024', result: 'tien_bo' });
  const trashedReview = await app.call('reviews.create', { subjectId: merge.id, reviewedOn: '01/04/2024', result: 'vi_pham' });
  await app.call('reviews.remove', { id: trashedReview.id });
  await app.call('subjects.changeStatus', { id: merge.id, status: 'tai_pham', changedOn: '01/06/2024', reason: 'Tái phạm' });
  await app.call('subjects.changeStatus', { id: keep.id, status: 'da_tien_bo', changedOn: '01/07/2024', reason: 'Có việc làm ổn định' });
  return { keep, merge };
}

describe('undoing a merge', () => {
  it('shows the merged record in the Trash, then puts both records back exactly as they were', async () => {
    const { app, subject } = await setup();
    const { keep, merge } = await twoRecords(app, subject);
    const ids = [keep.id, merge.id];
    const before = await snapshot(app, ids);
    expect(before.reviews).toHaveLength(4);
    expect(before.statusChanges).toHaveLength(4);

    await app.call('subjects.merge', { keepId: keep.id, mergeId: merge.id });
    const merged = await snapshot(app, ids);
    expect(merged.reviews.every((row) => row.subject_id === keep.id)).toBe(true);
    expect(merged.statusChanges.every((row) => row.subject_id === keep.id)).toBe(true);
    expect(merged.subjects.find((row) => row.id === keep.id)).toMatchObject({ alias: 'Tư Mập', id_number: '079085001234', birth_date: '1985-03-12', birth_sort: '1985-03-12' });

    // In the Trash, marked with the record it went into; not in the register, its search or its counts.
    const trash = await app.call('subjects.list', { trashed: true });
    expect(trash.total).toBe(1);
    expect(trash.rows[0]).toMatchObject({ id: merge.id, mergedIntoRecord: { id: keep.id, fullName: 'Nguyễn Văn Bình', birthDate: '1985-03-12', birthYear: 1985 } });
    expect((await app.call('subjects.counts', { trashed: true })).total).toBe(1);
    expect(await names(app)).toEqual(['Nguyễn Văn Bình']);
    expect((await app.call('subjects.counts', {})).total).toBe(1);
    expect((await app.call('app.info', {})).counts).toMatchObject({ subjects: 1 });
    expect((await app.call('subjects.list', { search: 'lo gom' })).rows.map((row) => row.id)).toEqual([keep.id]);
    expect((await app.call('subjects.get', { id: merge.id })).mergedIntoRecord).toMatchObject({ id: keep.id, fullName: 'Nguyễn Văn Bình' });
    expect((await app.call('subjects.get', { id: keep.id })).mergedFrom.map((link) => link.id)).toEqual([merge.id]);
    // Restoring it alone would leave its reviews on the other record: refused, pointing at the undo.
    expect((await apiError(app.call('subjects.restore', { id: merge.id }))).message).toContain('Hoàn tác gộp');

    const result = await app.call('subjects.unmerge', { mergedId: merge.id });
    expect(result.restored).toMatchObject({ id: merge.id, deletedAt: null, mergedInto: null });
    expect(await snapshot(app, ids)).toEqual(before);

    // Both live again, each found by its own fields; the Trash is empty; the pair is a duplicate again.
    expect((await app.call('subjects.counts', {})).total).toBe(2);
    expect((await app.call('subjects.list', { trashed: true })).total).toBe(0);
    expect((await app.call('subjects.list', { search: 'lo gom' })).rows.map((row) => row.id)).toEqual([merge.id]);
    expect((await app.call('subjects.list', { search: 'tu map' })).rows.map((row) => row.id)).toEqual([merge.id]);
    expect((await app.call('subjects.get', { id: keep.id })).mergedFrom).toEqual([]);
    expect(await app.call('subjects.duplicatePairs', {})).toHaveLength(1);

    // Audited on both records, with the rows that went back.
    for (const id of ids) {
      const entry = (await app.call('audit.forEntity', { entity: 'subject', entityId: id })).find((row) => row.action === 'unmerge');
      expect(entry?.after).toMatchObject({ keepId: keep.id, mergedId: merge.id });
      expect((entry?.after as { reviewIds: string[] }).reviewIds).toHaveLength(3);
    }

    // Twice is refused, and changes nothing.
    const undone = await snapshot(app, ids);
    const twice = await apiError(app.call('subjects.unmerge', { mergedId: merge.id }));
    expect(twice.code).toBe('conflict');
    expect(twice.message).toBe('Hồ sơ này không phải là hồ sơ đã gộp (có thể việc gộp đã được hoàn tác), nên không có gì để hoàn tác.');
    expect((await apiError(app.call('subjects.unmerge', { mergedId: keep.id }))).code).toBe('conflict');
    expect(await snapshot(app, ids)).toEqual(undone);

    // Merged again and undone again: the newest merge is the one undone.
    await app.call('subjects.merge', { keepId: merge.id, mergeId: keep.id });
    await app.call('subjects.unmerge', { mergedId: keep.id });
    expect(await snapshot(app, ids)).toEqual(before);
  });

  it('refuses to overwrite a field edited after the merge, and keeps what was added since', async () => {
    const { app, subject } = await setup();
    const { keep, merge } = await twoRecords(app, subject);
    const ids = [keep.id, merge.id];
    const before = await snapshot(app, ids);
    await app.call('subjects.merge', { keepId: keep.id, mergeId: merge.id });
    const keptValues = (await app.call('subjects.get', { id: keep.id })).subject;
    const values = {
      ...subject(),
      alias: keptValues.alias,
      birth: '12/03/1985',
      idNumber: keptValues.idNumber,
      phone: '0911 222 333', // filled by the merge (0903 123 456), then corrected by the officer
      permanentAddress: keptValues.permanentAddress,
      history: keptValues.history,
      plannedEndDate: '01/06/2026',
    };
    await app.edit('subjects.update', { id: keep.id, values });
    const edited = await snapshot(app, ids);

    const refused = await apiError(app.call('subjects.unmerge', { mergedId: merge.id }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toBe(
      'Không hoàn tác gộp được: hồ sơ "Nguyễn Văn Bình" (12/03/1985) đã được sửa sau khi gộp (Điện thoại). Hoàn tác sẽ ghi đè những thay đổi đó, nên chưa làm gì cả. Hãy kiểm tra lại các mục này, hoặc tách hai hồ sơ bằng tay.',
    );
    expect(await snapshot(app, ids)).toEqual(edited);

    // Put back as it was before the merge (empty), the field no longer stands in the way. A review
    // written on the kept record after the merge stays with it.
    await app.edit('subjects.update', { id: keep.id, values: { ...values, phone: null } });
    const later = await app.call('reviews.create', { subjectId: keep.id, reviewedOn: '01/08/2024', result: 'tien_bo' });
    await app.call('subjects.unmerge', { mergedId: merge.id });
    const after = await snapshot(app, ids);
    expect(after.reviews.find((row) => row.id === later.id)).toMatchObject({ subject_id: keep.id });
    expect({ ...after, reviews: after.reviews.filter((row) => row.id !== later.id) }).toEqual({
      ...before,
      // The kept record's last review is now the later one.
      subjects: before.subjects.map((row) => (row.id === keep.id ? { ...row, last_review_on: '2024-08-01', review_anchor: '2024-08-01' } : row)),
    });
  });

  it('is refused to a viewer, and while the kept record is in the Trash', async () => {
    const { app, subject } = await setup();
    const { keep, merge } = await twoRecords(app, subject);
    await app.call('subjects.merge', { keepId: keep.id, mergeId: merge.id });
    expect((await apiError(app.call('subjects.unmerge', { mergedId: merge.id }, VIEWER))).code).toBe('forbidden');
    await app.call('subjects.trash', { id: keep.id });
    expect((await apiError(app.call('subjects.unmerge', { mergedId: merge.id }))).message).toBe(
      'Hồ sơ "Nguyễn Văn Bình" (12/03/1985) đang ở Thùng rác. Hãy khôi phục hồ sơ đó trước khi hoàn tác gộp.',
    );
    // The Trash tells the two apart: one deleted, one merged into it.
    const trash = (await app.call('subjects.list', { trashed: true })).rows;
    expect(trash.map((row) => [row.id, row.mergedIntoRecord?.id ?? null]).sort()).toEqual([[keep.id, null], [merge.id, keep.id]].sort());
  });
});
