/**
 * Accounts: the first administrator, adding and changing accounts, passwords (an administrator's reset
 * forces a change at the next sign-in), disabling (never deleting: the audit keeps the name), and signing
 * in, where 5 wrong passwords in a row lock the account for 15 minutes. Every change is audited; no
 * password or hash ever is.
 */
import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ParsedInput } from '../../../shared/api';
import type { User } from '../../../shared/app';
import { ApiError } from '../../../shared/errors';
import { newRecordId } from '../../../shared/ids';
import { DEFAULT_IDLE_MINUTES, type Account } from '../../../shared/users';
import type { Db } from '../../db/open';
import type { UsersTable } from '../../db/schema';
import { newRowStamps, notFound, nowIso, updateStamps, writeAudit, type Context } from '../context';
import { hashPassword, verifyPassword } from './passwords';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

type UserRow = Selectable<UsersTable>;

const toAccount = (row: UserRow): Account => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  disabledAt: row.disabledAt,
  lockedUntil: row.lockedUntil && row.lockedUntil > nowIso() ? row.lockedUntil : null,
  mustChangePassword: row.mustChangePassword === 1,
  createdAt: row.createdAt,
});

export const toUser = (row: Pick<UserRow, 'id' | 'username' | 'displayName' | 'role'>): User => ({ id: row.id, username: row.username, displayName: row.displayName, role: row.role });

/** The audit's view of an account: never its password. */
const audited = (row: Pick<UserRow, 'username' | 'displayName' | 'role'>) => ({ username: row.username, displayName: row.displayName, role: row.role });

/** True once a person's account exists (the first run creates the first administrator). */
export async function hasAccounts(ctx: Pick<Context, 'db'>): Promise<boolean> {
  const row = await ctx.db.selectFrom('users').select('id').where('kind', '=', 'person').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function listAccounts(ctx: Context): Promise<Account[]> {
  const rows = await ctx.db.selectFrom('users').selectAll().where('kind', '=', 'person').orderBy('username').execute();
  return rows.map(toAccount);
}

async function accountRow(ctx: Context, id: string): Promise<UserRow> {
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).where('kind', '=', 'person').executeTakeFirst();
  if (!row) throw notFound('tài khoản');
  return row;
}

async function refuseTakenUsername(db: Db, username: string): Promise<void> {
  const taken = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (taken) throw new ApiError('conflict', `Tên đăng nhập "${username}" đã có người dùng.`, [{ field: 'username', message: 'Tên đăng nhập này đã có người dùng.' }]);
}

/**
 * Inserts an account inside the caller's transaction, where the checks that guard it run too. The
 * password is hashed before (scrypt takes a while, and the write lock is held for the transaction).
 */
async function insertAccount(trx: Db, ctx: Context, input: Omit<ParsedInput<'users.add'>, 'password'>, passwordHash: string): Promise<string> {
  await refuseTakenUsername(trx, input.username);
  const row = {
    ...newRowStamps(ctx),
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    passwordHash,
    mustChangePassword: input.mustChangePassword ? 1 : 0,
    lockedUntil: null,
    disabledAt: null,
  };
  await trx.insertInto('users').values(row).execute();
  await writeAudit(trx, ctx, { entity: 'user', entityId: row.id, action: 'create', after: { ...audited(row), mustChangePassword: input.mustChangePassword } });
  return row.id;
}

export async function addAccount(ctx: Context, input: ParsedInput<'users.add'>): Promise<Account> {
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute((trx) => insertAccount(trx, ctx, input, passwordHash));
  return toAccount(await accountRow(ctx, id));
}

/**
 * Never leaves the data without an administrator who can sign in. Runs inside the write's transaction
 * (which begins immediate), so two administrators demoting each other at once cannot both pass.
 */
async function refuseLastAdministrator(trx: Db, row: UserRow): Promise<void> {
  if (row.role !== 'admin' || row.disabledAt) return;
  const others = await trx.selectFrom('users').select('id').where('kind', '=', 'person').where('role', '=', 'admin').where('disabledAt', 'is', null).where('id', '!=', row.id).limit(1).executeTakeFirst();
  if (!others) throw new ApiError('conflict', 'Đây là tài khoản quản trị cuối cùng đang dùng được: hãy cấp quyền quản trị cho người khác trước.');
}

export async function updateAccount(ctx: Context, input: ParsedInput<'users.update'>): Promise<Account> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await accountRow({ ...ctx, db: trx }, input.id);
    if (input.role !== 'admin') await refuseLastAdministrator(trx, before);
    await trx.updateTable('users').set({ displayName: input.displayName, role: input.role, ...updateStamps(ctx) }).where('id', '=', input.id).execute();
    await writeAudit(trx, ctx, { entity: 'user', entityId: input.id, action: 'update', before: audited(before), after: audited({ ...before, ...input }) });
  });
  return toAccount(await accountRow(ctx, input.id));
}

export async function setAccountDisabled(ctx: Context, id: string, disabled: boolean): Promise<Account> {
  if (disabled && id === ctx.user.id) throw new ApiError('conflict', 'Không thể tự khóa tài khoản đang đăng nhập.');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await accountRow({ ...ctx, db: trx }, id);
    if (disabled) await refuseLastAdministrator(trx, before);
    await trx.updateTable('users').set({ disabledAt: disabled ? nowIso() : null, ...updateStamps(ctx) }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { entity: 'user', entityId: id, action: disabled ? 'disable' : 'enable', after: audited(before) });
  });
  return toAccount(await accountRow(ctx, id));
}

/** An administrator's reset: the new password works once, then its owner must choose another. */
export async function resetPassword(ctx: Context, input: ParsedInput<'users.resetPassword'>): Promise<Account> {
  if (input.id === ctx.user.id) throw new ApiError('conflict', 'Mật khẩu của chính mình được đổi bằng "Đổi mật khẩu" (cần mật khẩu hiện tại).');
  const row = await accountRow(ctx, input.id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash: await hashPassword(input.password), mustChangePassword: 1, failedSignIns: 0, lockedUntil: null, ...updateStamps(ctx) })
      .where('id', '=', input.id)
      .execute();
    await writeAudit(trx, ctx, { entity: 'user', entityId: input.id, action: 'password', after: { username: row.username, reset: true } });
  });
  return toAccount(await accountRow(ctx, input.id));
}

export async function unlockAccount(ctx: Context, id: string): Promise<Account> {
  const row = await accountRow(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failedSignIns: 0, lockedUntil: null, ...updateStamps(ctx) }).where('id', '=', id).execute();
    await writeAudit(trx, ctx, { entity: 'user', entityId: id, action: 'unlock', after: { username: row.username } });
  });
  return toAccount(await accountRow(ctx, id));
}

const WRONG = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const LOCKED = `Tài khoản tạm khóa do nhập sai mật khẩu ${MAX_FAILED_SIGN_INS} lần. Hãy thử lại sau ${LOCK_MINUTES} phút hoặc nhờ người quản trị mở khóa.`;

/** A short fingerprint of an account's password: a session remembers it, and a changed password ends the session. */
export const passwordStamp = (hash: string | null): string => (hash ? createHash('sha256').update(hash).digest('base64url').slice(0, 16) : '');

/**
 * Checks an account's password, counting the attempt before the check (one atomic update), so parallel
 * guesses cannot slip past the count: the attempt after the fifth wrong one in a row is refused unchecked
 * and the account locked for 15 minutes. A right password clears the count. Every failure is audited.
 */
async function checkPassword(ctx: Context, row: UserRow, password: string): Promise<boolean> {
  if (row.lockedUntil && row.lockedUntil > nowIso()) throw new ApiError('unauthorized', LOCKED);
  const counted = await ctx.db.updateTable('users').set((eb) => ({ failedSignIns: eb('failedSignIns', '+', 1) })).where('id', '=', row.id).returning('failedSignIns').executeTakeFirstOrThrow();
  const lock = () =>
    ctx.db
      .updateTable('users')
      .set({ failedSignIns: 0, lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000).toISOString() })
      .where('id', '=', row.id)
      .execute();
  const actor = { ...ctx, user: toUser(row) };
  if (counted.failedSignIns > MAX_FAILED_SIGN_INS) {
    await lock();
    throw new ApiError('unauthorized', LOCKED);
  }
  if (row.passwordHash && (await verifyPassword(password, row.passwordHash))) {
    await ctx.db.updateTable('users').set({ failedSignIns: 0, lockedUntil: null }).where('id', '=', row.id).execute();
    return true;
  }
  const locked = counted.failedSignIns >= MAX_FAILED_SIGN_INS;
  if (locked) await lock();
  await writeAudit(ctx.db, actor, { entity: 'user', entityId: row.id, action: 'sign_in_failed', after: { failed: counted.failedSignIns, locked } });
  if (locked) throw new ApiError('unauthorized', `Sai mật khẩu ${MAX_FAILED_SIGN_INS} lần: tài khoản tạm khóa ${LOCK_MINUTES} phút.`);
  return false;
}

export interface SignedIn {
  user: User;
  mustChangePassword: boolean;
  passwordStamp: string;
}

/**
 * The account a username and password open, or an error that says no more than it must: a wrong name and a
 * wrong password read the same, and a disabled account says so only to its right password.
 */
export async function checkSignIn(ctx: Context, input: ParsedInput<'auth.signIn'>): Promise<SignedIn> {
  const row = await ctx.db.selectFrom('users').selectAll().where('username', '=', input.username).where('kind', '=', 'person').executeTakeFirst();
  if (!row?.passwordHash) {
    // The same work as a real check, so the answer's timing does not tell which usernames exist.
    await verifyPassword(input.password, DUMMY_HASH);
    throw new ApiError('unauthorized', WRONG);
  }
  if (!(await checkPassword(ctx, row, input.password))) throw new ApiError('unauthorized', WRONG);
  if (row.disabledAt) throw new ApiError('unauthorized', 'Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ người quản trị.');
  await writeAudit(ctx.db, { ...ctx, user: toUser(row) }, { entity: 'user', entityId: row.id, action: 'sign_in' });
  return { user: toUser(row), mustChangePassword: row.mustChangePassword === 1, passwordStamp: passwordStamp(row.passwordHash) };
}

/** A hash of nothing anyone types, for `checkSignIn`'s unknown usernames. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** One's own password: the current one is checked (and counted) like a sign-in. Returns the new password's stamp. */
export async function changeOwnPassword(ctx: Context, input: ParsedInput<'auth.changePassword'>): Promise<string> {
  const row = await accountRow(ctx, ctx.user.id);
  if (!(await checkPassword(ctx, row, input.current))) {
    throw new ApiError('validation', 'Mật khẩu hiện tại không đúng.', [{ field: 'current', message: 'Mật khẩu hiện tại không đúng.' }]);
  }
  if (input.current === input.next) throw new ApiError('validation', 'Mật khẩu mới phải khác mật khẩu hiện tại.', [{ field: 'next', message: 'Mật khẩu mới phải khác mật khẩu hiện tại.' }]);
  const passwordHash = await hashPassword(input.next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ passwordHash, mustChangePassword: 0, ...updateStamps(ctx) }).where('id', '=', row.id).execute();
    await writeAudit(trx, ctx, { entity: 'user', entityId: row.id, action: 'password', after: { username: row.username } });
  });
  return passwordStamp(passwordHash);
}

/** The first run: the first administrator, who is then signed in. Refused once any account exists. */
export async function createFirstAdministrator(ctx: Context, input: ParsedInput<'auth.setup'>): Promise<SignedIn> {
  // One immediate transaction: two first-run screens submitted at once cannot both create an administrator.
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction().execute(async (trx) => {
    if (await hasAccounts({ db: trx })) throw new ApiError('conflict', 'Đã có tài khoản: hãy đăng nhập.');
    return insertAccount(trx, ctx, { username: input.username, displayName: input.displayName, role: 'admin', mustChangePassword: false }, passwordHash);
  });
  const row = await accountRow(ctx, id);
  return { user: toUser(row), mustChangePassword: false, passwordStamp: passwordStamp(row.passwordHash) };
}

/** The account of whoever runs the command line, one per operating-system user: it never signs in. */
export async function commandLineUser(ctx: Pick<Context, 'db'>, osUser: string, system: User): Promise<User> {
  const name = `dong-lenh.${osUser.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}`.slice(0, 40);
  const found = await ctx.db.selectFrom('users').select(['id', 'username', 'displayName', 'role']).where('username', '=', name).where('kind', '=', 'cli').executeTakeFirst();
  if (found) return toUser(found);
  const now = nowIso();
  const row = { id: newRecordId(), username: name, displayName: `dòng lệnh (${osUser})`, role: 'admin' as const, kind: 'cli' as const, passwordHash: null, lockedUntil: null, disabledAt: null, createdAt: now, updatedAt: now, createdBy: system.id, updatedBy: system.id, deletedAt: null };
  await ctx.db.insertInto('users').values(row).onConflict((conflict) => conflict.column('username').doNothing()).execute();
  return toUser(row);
}

export const IDLE_MINUTES_KEY = 'auth:idleMinutes';

export async function idleMinutes(ctx: Pick<Context, 'db'>): Promise<number> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', IDLE_MINUTES_KEY).executeTakeFirst();
  const minutes = row ? Number(JSON.parse(row.value)) : NaN;
  return Number.isInteger(minutes) && minutes > 0 ? minutes : DEFAULT_IDLE_MINUTES;
}

export async function setIdleMinutes(ctx: Context, minutes: number): Promise<void> {
  const before = await idleMinutes(ctx);
  const row = { key: IDLE_MINUTES_KEY, value: JSON.stringify(minutes), updatedAt: nowIso(), updatedBy: ctx.user.id };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('settings').values(row).onConflict((conflict) => conflict.column('key').doUpdateSet({ value: row.value, updatedAt: row.updatedAt, updatedBy: row.updatedBy })).execute();
    await writeAudit(trx, ctx, { entity: 'setting', entityId: IDLE_MINUTES_KEY, action: 'update', before, after: minutes });
  });
}
