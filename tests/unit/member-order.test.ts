/** The Tổ trưởng heads a model's members wherever they are listed: the record, its printed sheet (models.get) and the export. */
import { describe, expect, it } from 'vitest';
import { exportRegister } from '../../src/main/services/exports';
import { exportInput } from '../../src/shared/exports';
import { isLeader, leaderFirst } from '../../src/shared/models';
import { fixtures, openTestApp } from './helpers';

describe('who leads a model', () => {
  it('is the member holding a leader role, or the one the model names as its leader', () => {
    const member = (role: string | null, fullName = 'Lê Văn Tám') => ({ fullName, role });
    for (const role of ['Tổ trưởng', 'TỔ TRƯỞNG', 'Trưởng ban', 'Đội trưởng', 'Người phụ trách', 'Chủ nhiệm CLB']) expect(isLeader(member(role), null), role).toBe(true);
    for (const role of ['Tổ phó', 'Phó trưởng ban', 'Tổ viên', 'Thư ký', null]) expect(isLeader(member(role), null), String(role)).toBe(false);
    // Named on the model's record, whatever (or however accented) the role typed on the member.
    expect(isLeader(member('Tổ viên', 'Đặng Văn Ướt'), ' đặng văn ướt ')).toBe(true);
    expect(isLeader(member(null, 'Đặng Văn Ướt'), 'Đặng Văn Út')).toBe(false);
  });

  it('keeps the roster order of everyone else, and of several leaders', () => {
    const rows = [
      { fullName: 'Lê Thị Thanh Thảo', role: 'Tổ viên' },
      { fullName: 'Nguyễn Văn Tư', role: 'Tổ trưởng' },
      { fullName: 'Đặng Văn Ướt', role: 'Tổ phó' },
      { fullName: 'Trần Thị Xuân', role: 'Người phụ trách' },
    ];
    expect(leaderFirst(rows, null).map((row) => row.fullName)).toEqual(['Nguyễn Văn Tư', 'Trần Thị Xuân', 'Lê Thị Thanh Thảo', 'Đặng Văn Ướt']);
    expect(leaderFirst(rows.slice(0, 1), null)).toEqual(rows.slice(0, 1));
  });
});

describe('a model’s members', () => {
  it('list the Tổ trưởng first on the record and in the export, the others by given name', async () => {
    const app = await openTestApp();
    const { model } = await fixtures(app);
    // By given name the leader (Tư) would come between Thảo and Ướt.
    const created = await app.call('models.create', model({ leaderName: 'Nguyễn Văn Tư' }));
    for (const [fullName, role] of [
      ['Đặng Văn Ướt', 'Tổ phó'],
      ['Nguyễn Văn Tư', 'Tổ trưởng'],
      ['Lê Thị Thanh Thảo', 'Tổ viên'],
      ['Võ Văn An', 'Tổ viên'],
    ] as const) {
      await app.call('members.create', { modelId: created.id, fullName, role });
    }
    const expected = ['Nguyễn Văn Tư', 'Võ Văn An', 'Lê Thị Thanh Thảo', 'Đặng Văn Ướt'];

    const detail = await app.call('models.get', { id: created.id });
    expect(detail.members.map((member) => member.fullName)).toEqual(expected);

    const exported = await exportRegister(app.workspace.context(), exportInput.parse({ register: 'models', format: 'csv', columns: ['name', 'memberName', 'memberRole'] }));
    const lines = exported.data.toString('utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const memberLines = lines.filter((line) => line.includes('Nhà trọ tự quản số 12 Bà Hom'));
    expect(memberLines.map((line) => expected.findIndex((name) => line.includes(name)))).toEqual([0, 1, 2, 3]);
    expect(memberLines[0]).toContain('Tổ trưởng');
  });

  it('with no leader among them stay in roster order', async () => {
    const app = await openTestApp();
    const { model } = await fixtures(app);
    const created = await app.call('models.create', model({ leaderName: null }));
    for (const fullName of ['Đặng Văn Ướt', 'Lê Thị Thanh Thảo']) await app.call('members.create', { modelId: created.id, fullName, role: 'Tổ viên' });
    expect((await app.call('models.get', { id: created.id })).members.map((member) => member.fullName)).toEqual(['Lê Thị Thanh Thảo', 'Đặng Văn Ướt']);
  });
});
