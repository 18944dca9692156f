/**
 * Accounts, roles and sign-in (issue 16): the first run's administrator, the password scheme, the lock
 * after 5 wrong passwords, a forced change after a reset, disabling, the last administrator, and the
 * contract-wide rule that every method answers exactly the roles its declared access names.
 */
import BetterSqlite3 from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS_BY_ROLE, createHandlers, handleRequest } from '../../src/main/api';
import { SYSTEM_USER } from '../../src/main/db/system-user';
import { hashPassword, verifyPassword } from '../../src/main/services/users/passwords';
import { Session } from '../../src/main/session';
import { methods, type Method } from '../../src/shared/api';
import { ROLES, type User } from '../../src/shared/app';
import { apiError, EDITOR, fixtures, ON_SERVER, openTestApp, tempDir, VIEWER, type TestApp } from './helpers';

const PASSWORD = 'mật khẩu đủ dài';

/** A session of the handler table, as a host keeps one, with its calls. */
function sessionOf(app: TestApp, user: User | null = null) {
  const handlers = createHandlers(app.workspace);
  const session = new Session(user);
  const call = (method: string, input: unknown) => handleRequest(app.workspace, handlers, session, method, input);
  return { session, call };
}

describe('passwords', () => {
  it('are scrypt hashes with their own salt and parameters, and only the right password matches', async () => {
    const one = await hashPassword(PASSWORD);
    const two = await hashPassword(PASSWORD);
    expect(one).toMatch(/^scrypt\$32768\$8\$1\$[\w+/=]{20,}\$[\w+/=]{40,}$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword(PASSWORD, one)).toBe(true);
    expect(await verifyPassword(PASSWORD.normalize('NFD'), one)).toBe(true); // typed with combining marks: the same text
    expect(await verifyPassword('mật khẩu đủ dàI', one)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'md5$abc')).toBe(false);
  });
});

describe('the first run', () => {
  it('creates the first administrator with the unit, its parent unit and place, signs them in, and is refused once done', async () => {
    const app = await openTestApp({ firstRun: true });
    const { session, call } = sessionOf(app);
    expect(await call('auth.status', {})).toMatchObject({ ok: true, result: { setupNeeded: true, user: null } });
    expect(await call('models.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const short = await call('auth.setup', { unitName: 'Công an phường 11', username: 'truongca', displayName: 'Nguyễn Văn Trưởng', password: 'ngan' });
    expect(short).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ field: 'password', message: 'Mật khẩu cần ít nhất 10 ký tự.' }] } });
    const blankPlace = await call('auth.setup', { unitName: 'Công an phường 11', parentUnit: 'Công an Thành phố Hồ Chí Minh', place: '  ', username: 'truongca', displayName: 'Nguyễn Văn Trưởng', password: PASSWORD });
    expect(blankPlace).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ field: 'place', message: 'Địa danh không được để trống.' }] } });
    const setup = await call('auth.setup', { unitName: 'Công an phường 11', parentUnit: 'Công an  Thành phố Hồ Chí Minh', place: 'Thành phố Hồ Chí Minh', username: 'TruongCa', displayName: 'Nguyễn Văn Trưởng', password: PASSWORD });
    expect(setup).toMatchObject({ ok: true, result: { setupNeeded: false, user: { username: 'truongca', role: 'admin' } } });
    expect(session.user?.username).toBe('truongca');
    // The heading of printed documents: the unit, its parent unit and the place of the date line, as given (cleaned).
    expect(await call('print.settings', {})).toMatchObject({ ok: true, result: { unitName: 'Công an phường 11', parentUnit: 'Công an Thành phố Hồ Chí Minh', place: 'Thành phố Hồ Chí Minh' } });
    expect(await call('auth.setup', { unitName: 'X', username: 'khac', displayName: 'Khác', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // The audit names the account and never holds a password or its hash.
    const audit = await app.query<{ after_json: string | null }>(`select action, before_json, after_json from audit_log where entity = 'user'`);
    expect(audit.length).toBeGreaterThan(0);
    for (const row of audit) expect(row.after_json ?? '').not.toMatch(/scrypt|mật khẩu đủ dài/);
  });
});

describe('signing in', () => {
  it('locks an account after 5 wrong passwords, even for the right one, until an administrator unlocks it', async () => {
    const app = await openTestApp();
    await app.call('users.add', { username: 'nhaplieu2', displayName: 'Trần Thị Nhập', role: 'editor', password: PASSWORD, mustChangePassword: false });
    const { session, call } = sessionOf(app);
    const unknown = await call('auth.signIn', { username: 'khongco', password: PASSWORD });
    const wrong = await call('auth.signIn', { username: 'nhaplieu2', password: 'sai mật khẩu rồi' });
    // A wrong name and a wrong password read the same.
    expect(unknown).toEqual(wrong);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
    for (let attempt = 2; attempt <= 4; attempt++) await call('auth.signIn', { username: 'nhaplieu2', password: `sai ${attempt} lần rồi` });
    expect(await call('auth.signIn', { username: 'nhaplieu2', password: 'lần sai thứ năm' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('tạm khóa 15 phút') } });
    expect(await call('auth.signIn', { username: 'nhaplieu2', password: PASSWORD })).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('tạm khóa') } });
    expect(session.user).toBeNull();
    const [account] = (await app.call('users.list', {})).filter((candidate) => candidate.username === 'nhaplieu2');
    expect(account?.lockedUntil).toBeTruthy();
    await app.call('users.unlock', { id: account!.id });
    expect(await call('auth.signIn', { username: 'nhaplieu2', password: PASSWORD })).toMatchObject({ ok: true, result: { user: { username: 'nhaplieu2', role: 'editor' } } });
    expect(await call('models.list', {})).toMatchObject({ ok: true });
    await call('auth.signOut', {});
    expect(await call('models.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('after an administrator resets a password, answers nothing but the change of it', async () => {
    const app = await openTestApp();
    const account = await app.call('users.add', { username: 'chixem', displayName: 'Lê Văn Xem', role: 'viewer', password: PASSWORD });
    await app.call('users.resetPassword', { id: account.id, password: 'mật khẩu tạm thời' });
    const { call } = sessionOf(app);
    expect(await call('auth.signIn', { username: 'chixem', password: PASSWORD })).toMatchObject({ ok: false });
    expect(await call('auth.signIn', { username: 'chixem', password: 'mật khẩu tạm thời' })).toMatchObject({ ok: true, result: { mustChangePassword: true } });
    expect(await call('models.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Hãy đổi mật khẩu trước khi tiếp tục.' } });
    expect(await call('auth.changePassword', { current: 'sai', next: 'mật khẩu mới của tôi' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('auth.changePassword', { current: 'mật khẩu tạm thời', next: 'mật khẩu mới của tôi' })).toMatchObject({ ok: true, result: { mustChangePassword: false } });
    expect(await call('models.list', {})).toMatchObject({ ok: true });
  });

  it('makes an account an administrator adds choose its own password at the first sign-in, unless its owner chose it', async () => {
    const app = await openTestApp();
    await app.call('users.add', { username: 'moi.vao', displayName: 'Mới vào', role: 'editor', password: PASSWORD });
    await app.call('users.add', { username: 'tu.chon', displayName: 'Tự chọn', role: 'editor', password: PASSWORD, mustChangePassword: false });
    const listed = Object.fromEntries((await app.call('users.list', {})).map((account) => [account.username, account.mustChangePassword]));
    expect(listed).toMatchObject({ 'moi.vao': true, 'tu.chon': false });
    const newcomer = sessionOf(app);
    expect(await newcomer.call('auth.signIn', { username: 'moi.vao', password: PASSWORD })).toMatchObject({ ok: true, result: { mustChangePassword: true } });
    expect(await newcomer.call('models.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The new password must differ from the one the administrator knows.
    expect(await newcomer.call('auth.changePassword', { current: PASSWORD, next: PASSWORD })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await newcomer.call('auth.changePassword', { current: PASSWORD, next: 'mật khẩu riêng của tôi' })).toMatchObject({ ok: true, result: { mustChangePassword: false } });
    expect(await newcomer.call('models.list', {})).toMatchObject({ ok: true });
    const chooser = sessionOf(app);
    expect(await chooser.call('auth.signIn', { username: 'tu.chon', password: PASSWORD })).toMatchObject({ ok: true, result: { mustChangePassword: false } });
    expect(await chooser.call('models.list', {})).toMatchObject({ ok: true });
  });

  it('keeps one working administrator when two try to step down at once, and makes one first administrator from two first-run screens', async () => {
    const app = await openTestApp();
    const [first, second] = await Promise.all(
      ['quantri.a', 'quantri.b'].map((username) => app.call('users.add', { username, displayName: username, role: 'admin', password: PASSWORD, mustChangePassword: false })),
    );
    const outcomes = await Promise.allSettled([
      app.call('users.update', { id: first!.id, displayName: 'A', role: 'editor' }),
      app.call('users.update', { id: second!.id, displayName: 'B', role: 'editor' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const admins = (await app.call('users.list', {})).filter((account) => account.role === 'admin' && !account.disabledAt);
    expect(admins).toHaveLength(1);

    const fresh = await openTestApp({ firstRun: true });
    const setup = (username: string) => sessionOf(fresh).call('auth.setup', { unitName: 'Công an phường 11', username, displayName: username, password: PASSWORD });
    const results = await Promise.all([setup('nguoi.mot'), setup('nguoi.hai')]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await fresh.call('users.list', {})).toHaveLength(1);
  });

  it('signs out a disabled account at its next call, and never disables or demotes the last administrator', async () => {
    const app = await openTestApp();
    const admin = await app.call('users.add', { username: 'quantri2', displayName: 'Quản trị hai', role: 'admin', password: PASSWORD, mustChangePassword: false });
    const editor = await app.call('users.add', { username: 'nhaplieu3', displayName: 'Nhập liệu ba', role: 'editor', password: PASSWORD, mustChangePassword: false });
    const { session, call } = sessionOf(app);
    await call('auth.signIn', { username: 'nhaplieu3', password: PASSWORD });
    await app.call('users.setDisabled', { id: editor.id, disabled: true });
    expect(await call('models.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(session.user).toBeNull();
    expect(await call('auth.signIn', { username: 'nhaplieu3', password: PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringContaining('vô hiệu hóa') } });
    // quantri2 is the only person administrator (the built-in account signs in nowhere).
    expect((await apiError(app.call('users.setDisabled', { id: admin.id, disabled: true }))).code).toBe('conflict');
    expect((await apiError(app.call('users.update', { id: admin.id, displayName: 'Quản trị hai', role: 'viewer' }))).code).toBe('conflict');
    // A role changed while signed in counts at the next call.
    await app.call('users.setDisabled', { id: editor.id, disabled: false });
    await call('auth.signIn', { username: 'nhaplieu3', password: PASSWORD });
    expect(await call('models.create', {})).toMatchObject({ ok: false, error: { code: 'validation' } });
    await app.call('users.update', { id: editor.id, displayName: 'Nhập liệu ba', role: 'viewer' });
    expect(await call('models.create', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the role matrix', () => {
  it('answers every method of the contract to exactly the roles its declared access names, and nothing but the public ones before sign-in', async () => {
    const app = await openTestApp();
    const users: Record<string, User> = { admin: SYSTEM_USER, editor: { ...SYSTEM_USER, id: '00000000-0000-4000-8000-0000000000a2', role: 'editor' }, viewer: { ...SYSTEM_USER, id: '00000000-0000-4000-8000-0000000000a1', role: 'viewer' } };
    const refusedCodes = new Set(['forbidden', 'unauthorized']);
    const matrix: Record<string, string[]> = {};
    for (const role of [...ROLES, 'none'] as const) {
      const { call } = sessionOf(app, role === 'none' ? null : (users[role] as User));
      const allowed: string[] = [];
      for (const method of Object.keys(methods) as Method[]) {
        // Not an object: every method refuses it as invalid input once access is granted, so nothing runs.
        const response = await call(method, 42);
        if (response.ok) throw new Error(`${method} ran with invalid input`);
        if (!refusedCodes.has(response.error.code)) allowed.push(method);
      }
      matrix[role] = allowed;
      const declared = (Object.keys(methods) as Method[]).filter((method) => methods[method].access === 'public' || (role !== 'none' && ACCESS_BY_ROLE[role].includes(methods[method].access)));
      expect(allowed.sort(), role).toEqual(declared.sort());
    }
    expect(matrix.none).toEqual(['auth.lock', 'auth.setup', 'auth.signIn', 'auth.signOut', 'auth.status', 'auth.unlock'].sort());
    expect(matrix.viewer).toContain('subjects.list');
    expect(matrix.viewer).not.toContain('subjects.create');
    expect(matrix.editor).toContain('backup.create');
    expect(matrix.editor).not.toContain('users.add');
    expect(matrix.editor).not.toContain('backup.restore');
  });
});

describe('sensitive data and a read-only account', () => {
  it('hides the ID number and history from a viewer in the record, the on-demand columns and exports', async () => {
    const app = await openTestApp();
    const { subject } = await fixtures(app);
    const created = await app.call('subjects.create', subject());
    const asAdmin = await app.call('subjects.get', { id: created.id });
    expect(asAdmin.subject.idNumber).toBe('079085001234');
    const asViewer = await app.call('subjects.get', { id: created.id }, VIEWER);
    expect(asViewer.subject.fullName).toBe('Nguyễn Văn Bình');
    expect(asViewer.subject.idNumber).toBeNull();
    expect(asViewer.subject.history).toBeNull();
    expect((await apiError(app.call('subjects.sensitive', { ids: [created.id] }, VIEWER))).code).toBe('forbidden');
    expect(await app.call('subjects.sensitive', { ids: [created.id] }, EDITOR)).toEqual([{ id: created.id, idNumber: '079085001234', history: expect.stringContaining('Trộm cắp') }]);
    const target = { path: join(tempDir(), 'doi-tuong.csv') };
    const refused = await apiError(app.call('exports.file', { export: { register: 'subjects', format: 'csv', columns: ['stt', 'fullName', 'idNumber'] }, target }, VIEWER));
    expect(refused.code).toBe('forbidden');
    expect(existsSync(target.path)).toBe(false);
    await app.call('exports.file', { export: { register: 'subjects', format: 'csv', columns: ['stt', 'fullName'] }, target }, VIEWER);
    expect(readFileSync(target.path, 'utf8')).toContain('Nguyễn Văn Bình');
  });
});

describe('the idle lock', () => {
  it('locks a session until the same password is given, or another officer signs in; the minutes are an administrator setting', async () => {
    const app = await openTestApp();
    await app.call('users.add', { username: 'nhaplieu4', displayName: 'Nhập liệu bốn', role: 'editor', password: PASSWORD, mustChangePassword: false });
    await app.call('users.add', { username: 'nhaplieu5', displayName: 'Nhập liệu năm', role: 'editor', password: PASSWORD, mustChangePassword: false });
    const { session, call } = sessionOf(app);
    await call('auth.signIn', { username: 'nhaplieu4', password: PASSWORD });
    expect(await call('auth.lock', {})).toMatchObject({ ok: true, result: { locked: true, idleMinutes: 10 } });
    expect(await call('models.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call('auth.unlock', { password: 'không đúng đâu' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(session.locked).toBe(true);
    expect(await call('auth.unlock', { password: PASSWORD })).toMatchObject({ ok: true, result: { locked: false, user: { username: 'nhaplieu4' } } });
    expect(await call('models.list', {})).toMatchObject({ ok: true });
    // Another officer at the locked PC signs in as themselves.
    await call('auth.lock', {});
    expect(await call('auth.signIn', { username: 'nhaplieu5', password: PASSWORD })).toMatchObject({ ok: true, result: { locked: false, user: { username: 'nhaplieu5' } } });
    // The minutes: an administrator's setting, within 1–240.
    expect(await call('auth.setIdleMinutes', { minutes: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await apiError(app.call('auth.setIdleMinutes', { minutes: 0 }))).code).toBe('validation');
    expect(await app.call('auth.setIdleMinutes', { minutes: 5 })).toMatchObject({ idleMinutes: 5 });
    expect(await call('auth.status', {})).toMatchObject({ ok: true, result: { idleMinutes: 5 } });
  });
});

describe('fuzzing the contract', () => {
  // "Changes nothing" is read from the file's data_version; what is refused is the contract's, the same on a server.
  it.skipIf(ON_SERVER)('answers every method, as each role and signed out, to input it cannot take with a validation or permission error, and changes nothing', async () => {
    const app = await openTestApp();
    // Another connection sees every commit of the app's as a new data_version.
    const watcher = new BetterSqlite3(app.workspace.file, { readonly: true });
    const dataVersion = () => watcher.pragma('data_version', { simple: true });
    const before = dataVersion();
    const sessions = [null, SYSTEM_USER, EDITOR, VIEWER].map((user) => sessionOf(app, user));
    const all = Object.keys(methods) as Method[];
    // Objects with made-up fields go to the methods that need fields ({} is valid input for the others).
    const needFields = all.filter((method) => !methods[method].input.safeParse({}).success);
    const notAnObject = fc.anything().filter((value) => value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value)));
    const refusal = new Set(['validation', 'forbidden', 'unauthorized']);
    const check = async (session: (typeof sessions)[number], method: Method, input: unknown) => {
      const response = await session.call(method, input);
      if (response.ok || !refusal.has(response.error.code)) throw new Error(`${method} answered ${JSON.stringify(response).slice(0, 200)}`);
    };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sessions), fc.constantFrom(...all), notAnObject, (session, method, input) => check(session, method, input)),
      { numRuns: 400 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sessions), fc.constantFrom(...needFields), fc.dictionary(fc.string({ maxLength: 12 }), fc.anything(), { maxKeys: 5 }), (session, method, input) => check(session, method, input)),
      { numRuns: 400 },
    );
    expect(dataVersion()).toBe(before);
    watcher.close();
  }, 60_000);
});

describe("a record's history and a read-only account", () => {
  it('leaves the ID number and the history out of the audited values a viewer reads', async () => {
    const app = await openTestApp();
    const { subject } = await fixtures(app);
    const created = await app.call('subjects.create', subject());
    await app.edit('subjects.update', { id: created.id, values: subject({ idNumber: '079085009999', history: 'Đã thay đổi lý lịch.' }) });
    const forViewer = JSON.stringify(await app.call('audit.forEntity', { entity: 'subject', entityId: created.id }, VIEWER));
    expect(forViewer).not.toMatch(/079085001234|079085009999|Trộm cắp|Đã thay đổi lý lịch/);
    const forEditor = JSON.stringify(await app.call('audit.forEntity', { entity: 'subject', entityId: created.id }, EDITOR));
    expect(forEditor).toContain('079085009999');
  });
});

describe('what the security review found', () => {
  it('counts each attempt before the password is checked, so parallel guesses cannot pass the lock', async () => {
    const app = await openTestApp();
    await app.call('users.add', { username: 'muctieu', displayName: 'Mục tiêu', role: 'editor', password: PASSWORD });
    const guesses = Array.from({ length: 20 }, (_, index) => sessionOf(app).call('auth.signIn', { username: 'muctieu', password: `đoán sai số ${index}` }));
    const answers = await Promise.all(guesses);
    expect(answers.every((answer) => !answer.ok)).toBe(true);
    // Locked: the right password is refused too.
    expect(await sessionOf(app).call('auth.signIn', { username: 'muctieu', password: PASSWORD })).toMatchObject({ ok: false, error: { message: expect.stringContaining('tạm khóa') } });
  });

  it('ends the sessions of an account whose password an administrator reset, and counts wrong current passwords', async () => {
    const app = await openTestApp();
    const account = await app.call('users.add', { username: 'bilo', displayName: 'Bị lộ', role: 'editor', password: PASSWORD, mustChangePassword: false });
    const thief = sessionOf(app);
    await thief.call('auth.signIn', { username: 'bilo', password: PASSWORD });
    expect(await thief.call('models.list', {})).toMatchObject({ ok: true });
    await app.call('users.resetPassword', { id: account.id, password: 'mật khẩu mới tạm thời' });
    expect(await thief.call('models.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(thief.session.user).toBeNull();
    // Guessing one's current password at an unlocked PC is counted like sign-in.
    await app.call('users.unlock', { id: account.id });
    const owner = sessionOf(app);
    await owner.call('auth.signIn', { username: 'bilo', password: 'mật khẩu mới tạm thời' });
    for (let guess = 0; guess < 5; guess++) await owner.call('auth.changePassword', { current: `đoán ${guess} lần`, next: 'một mật khẩu khác hẳn' });
    expect((await app.call('users.list', {})).find((candidate) => candidate.id === account.id)?.lockedUntil).toBeTruthy();
    // An administrator's own password goes through "Đổi mật khẩu", with the current one.
    expect((await apiError(app.call('users.resetPassword', { id: SYSTEM_USER.id, password: 'không được đặt lại' }))).code).toMatch(/conflict|not_found/);
  });

  it('keeps a read-only account from finding people by ID number digits or through the duplicate checks', async () => {
    const app = await openTestApp();
    const { subject } = await fixtures(app);
    await app.call('subjects.create', subject());
    expect(await app.call('subjects.list', { search: '0790850' }, EDITOR)).toMatchObject({ total: 1 });
    expect((await apiError(app.call('subjects.list', { search: '0790850' }, VIEWER))).code).toBe('forbidden');
    expect((await app.call('subjects.list', { search: 'binh' }, VIEWER)).total).toBe(1);
    expect((await apiError(app.call('subjects.findDuplicates', { idNumber: '079085001234' }, VIEWER))).code).toBe('forbidden');
  });
});

describe('restoring a backup', () => {
  // Backups and restores of a server are not built yet (issue 18 point 4).
  it.skipIf(ON_SERVER)('keeps the accounts as they are now: an older backup brings back no disabled account and no old password', async () => {
    const app = await openTestApp();
    const officer = await app.call('users.add', { username: 'chuyencongtac', displayName: 'Đã chuyển công tác', role: 'editor', password: PASSWORD });
    const { record } = await app.call('backup.create', { target: { path: tempDir() } });
    await app.call('users.setDisabled', { id: officer.id, disabled: true });
    const added = await app.call('users.add', { username: 'moiden', displayName: 'Mới đến', role: 'viewer', password: PASSWORD, mustChangePassword: false });
    await app.call('auth.setIdleMinutes', { minutes: 3 });
    await app.call('backup.restore', { file: { path: record.file } });
    const accounts = await app.call('users.list', {});
    expect(accounts.find((account) => account.id === officer.id)?.disabledAt).toBeTruthy();
    expect(accounts.find((account) => account.id === added.id)?.username).toBe('moiden');
    const { call } = sessionOf(app);
    expect(await call('auth.signIn', { username: 'chuyencongtac', password: PASSWORD })).toMatchObject({ ok: false });
    expect(await call('auth.signIn', { username: 'moiden', password: PASSWORD })).toMatchObject({ ok: true, result: { idleMinutes: 3 } });
  });
});

describe('the audit log for administrators', () => {
  it('lists who did what, filtered by account, record type, action and dates, newest first, a page at a time', async () => {
    const app = await openTestApp();
    const { subject } = await fixtures(app);
    const first = await app.call('subjects.create', subject());
    await app.call('subjects.create', subject({ fullName: 'Trần Thị An', idNumber: null }), EDITOR);
    await app.call('subjects.get', { id: first.id }, VIEWER);
    const all = await app.call('audit.list', {});
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.rows.map((row) => row.at)).toEqual([...all.rows.map((row) => row.at)].sort().reverse());
    const byEditor = await app.call('audit.list', { userId: EDITOR.id });
    expect(byEditor.rows.map((row) => [row.entity, row.action, row.userName])).toEqual([['subject', 'create', EDITOR.displayName]]);
    expect((await app.call('audit.list', { entity: 'subject', action: 'view' })).rows.map((row) => row.entityId)).toEqual([first.id]);
    const today = new Date();
    const dd = (date: Date) => `${String(date.getDate()).padStart(2, '0')}/${String(date.getMonth() + 1).padStart(2, '0')}/${date.getFullYear()}`;
    expect((await app.call('audit.list', { from: dd(today), to: dd(today) })).total).toBe(all.total);
    const tomorrow = new Date(today.getTime() + 86_400_000);
    expect((await app.call('audit.list', { from: dd(tomorrow) })).total).toBe(0);
    const paged = await app.call('audit.list', { limit: 2, offset: 1 });
    expect(paged.rows.map((row) => row.id)).toEqual(all.rows.slice(1, 3).map((row) => row.id));
    expect((await apiError(app.call('audit.list', {}, EDITOR))).code).toBe('forbidden');
  });

  it('exports the filtered log to Excel in the words of the page: who, when, which record, what changed, and only a note for a record deleted for good', async () => {
    const app = await openTestApp();
    const f = await fixtures(app);
    const kept = await app.call('subjects.create', f.subject({ fullName: 'Đặng Văn Giữ', idNumber: null }), EDITOR);
    await app.edit('subjects.update', { id: kept.id, values: f.subject({ fullName: 'Đặng Văn Giữ', idNumber: null, currentAddress: '45 Lò Gốm, Khu phố 1' }) }, EDITOR);
    const gone = await app.call('subjects.create', f.subject({ fullName: 'Tô Thị Đi', idNumber: '079190002468' }));
    await app.call('subjects.trash', { id: gone.id });
    await app.call('subjects.purge', { id: gone.id });
    const folder = tempDir();
    const exported = await app.call('audit.export', { filter: { entity: 'subject' }, format: 'xlsx', target: { path: join(folder, 'nhat-ky.xlsx') } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, 'nhat-ky.xlsx'));
    const sheet = workbook.worksheets[0]!;
    const texts = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((value) => String(value ?? ''));
    const rows = sheet.getRows(1, sheet.rowCount)!.map(texts);
    expect(rows.some((cells) => cells.join(' ').includes('NHẬT KÝ SỬ DỤNG PHẦN MỀM'))).toBe(true);
    expect(rows.some((cells) => cells.includes('Loại hồ sơ: Đối tượng'))).toBe(true);
    const header = rows.findIndex((cells) => cells[0] === 'STT');
    expect(rows[header]).toEqual(['STT', 'Thời điểm', 'Người thực hiện', 'Hồ sơ', 'Thao tác', 'Nội dung']);
    const body = rows.slice(header + 1);
    expect(body).toHaveLength(exported.rows);
    expect(exported.rows).toBe((await app.call('audit.list', { entity: 'subject' })).total);
    const edit = body.find((cells) => cells[3] === `Đối tượng ${kept.id}` && cells[4] === 'Sửa');
    expect(edit).toBeDefined();
    expect(edit![2]).toBe(EDITOR.displayName);
    expect(edit![1]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(edit![5]).toContain('Nơi ở hiện nay: 12 Bà Hom, Khu phố 3, Phường Bình Tiên → 45 Lò Gốm, Khu phố 1');
    const purged = body.filter((cells) => cells[3] === `Đối tượng ${gone.id}`);
    expect(purged.map((cells) => cells[4])).toContain('Xóa hẳn');
    expect(purged.filter((cells) => cells[4] !== 'Xóa hẳn').every((cells) => (cells[5] ?? '').startsWith('Nội dung đã xóa hẳn lúc'))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('079190002468');
    expect((await apiError(app.call('audit.export', { filter: {}, format: 'csv', target: { path: join(folder, 'x.csv') } }, EDITOR))).code).toBe('forbidden');
  });
});
