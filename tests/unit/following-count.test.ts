/**
 * Issue 13, point 6: "đang theo dõi" counts the active statuses only (ACTIVE_SUBJECT_STATUSES), on the
 * home page (app.info counts.following) as in the due lists; the register's own total still counts everyone.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVE_SUBJECT_STATUSES, SUBJECT_STATUSES } from '../../src/shared/subjects';
import { fixtures, openTestApp } from './helpers';

describe('people being followed', () => {
  it('counts only the active statuses, never a deceased, moved-away, finished or trashed person', async () => {
    const app = await openTestApp();
    const { subject } = await fixtures(app);
    expect(ACTIVE_SUBJECT_STATUSES).toEqual(['dang_giup_do']);
    // One person in each status, plus a second being helped and one being helped but in the Trash.
    for (const status of SUBJECT_STATUSES) {
      const person = await app.call('subjects.create', subject({ fullName: `Người ${status}`, idNumber: null }));
      if (status !== 'dang_giup_do') await app.call('subjects.changeStatus', { id: person.id, status, changedOn: '01/05/2024', reason: 'Thay đổi' });
    }
    await app.call('subjects.create', subject({ fullName: 'Người thứ hai đang giúp đỡ', idNumber: null }));
    const trashed = await app.call('subjects.create', subject({ fullName: 'Người trong thùng rác', idNumber: null }));
    await app.call('subjects.trash', { id: trashed.id });

    const { counts } = await app.call('app.info', {});
    expect(counts.subjects).toBe(SUBJECT_STATUSES.length + 1);
    expect(counts.following).toBe(2);
    const byStatus = (await app.call('subjects.counts', {})).byStatus;
    const active = byStatus.filter((row) => (ACTIVE_SUBJECT_STATUSES as readonly string[]).includes(row.status)).reduce((sum, row) => sum + row.count, 0);
    expect(counts.following).toBe(active);
  });
});
