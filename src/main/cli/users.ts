/**
 * The accounts, for IT staff and for a PC whose only administrator has forgotten the password:
 *
 *   users add --username U --role quan_tri|nhap_lieu|chi_xem --password-file F [--name "Họ tên"] [--keep-password]
 *   users list [--json]
 *   users disable U | users enable U | users unlock U
 *   users reset-password U --password-file F      (the owner must choose a new one at the next sign-in)
 *
 * Each is a contract call (users.*) made as the operating-system user, with an administrator's rights on
 * the data folder (recorded in the audit as "dòng lệnh (<user>)").
 */
import type { Account } from '../../shared/users';
import { ROLE_CODES, roleOfCode } from '../../shared/users';
import { formatDateTime } from '../../shared/dates';
import { readPasswordFile } from './backup';
import { withClient, type Client } from './client';
import { CliError, EXIT, UsageError } from './exit-codes';
import type { Command, Options, Output } from './options';

const ROLE_NAMES = { admin: 'quản trị', editor: 'nhập liệu', viewer: 'chỉ xem' } as const;

function accountLine(account: Account): string {
  const state = account.disabledAt ? 'đã vô hiệu hóa' : account.lockedUntil ? `tạm khóa đến ${formatDateTime(account.lockedUntil)}` : 'đang dùng';
  return `${account.username.padEnd(20)} ${ROLE_CODES[account.role].padEnd(10)} ${account.displayName} — ${state}${account.mustChangePassword ? ', phải đổi mật khẩu' : ''}`;
}

const accountJson = (account: Account) => ({ ...account, role: ROLE_CODES[account.role] });

function passwordOf(options: Options): string {
  const password = readPasswordFile(options.passwordFile);
  if (password === null) throw new UsageError('Cần --password-file TỆP (mật khẩu ở dòng đầu, ít nhất 10 ký tự).');
  return password;
}

async function accountNamed(client: Client, username: string | undefined): Promise<Account> {
  if (!username) throw new UsageError('Cần tên đăng nhập, ví dụ: users disable canbo.');
  const account = (await client.call('users.list', {})).find((candidate) => candidate.username === username.trim().toLowerCase());
  if (!account) throw new CliError(`Không có tài khoản "${username}".`, EXIT.failed);
  return account;
}

const done = (verb: string, account: Account): Output => ({ lines: [`${verb}: ${accountLine(account)}`], json: { account: accountJson(account) } });

async function users(options: Options): Promise<Output> {
  const [action, username, ...rest] = options.words ?? [];
  if (rest.length > 0) throw new UsageError(`Thừa tham số: ${rest.join(' ')}.`);
  return withClient({ dataDir: options.dataDir, server: options.server }, async (client) => {
    switch (action) {
      case 'add': {
        if (!options.username) throw new UsageError('Cần --username TÊN.');
        const role = roleOfCode(options.role ?? '');
        if (!role) throw new UsageError('Cần --role quan_tri, nhap_lieu hoặc chi_xem.');
        const account = await client.call('users.add', { username: options.username, displayName: options.name ?? options.username, role, password: passwordOf(options), mustChangePassword: !options.keepPassword });
        return done(`Đã thêm tài khoản (${ROLE_NAMES[account.role]})`, account);
      }
      case 'list': {
        const accounts = await client.call('users.list', {});
        return { lines: accounts.length ? accounts.map(accountLine) : ['Chưa có tài khoản nào.'], json: { accounts: accounts.map(accountJson) } };
      }
      case 'disable':
      case 'enable': {
        const account = await accountNamed(client, username);
        return done(action === 'disable' ? 'Đã vô hiệu hóa' : 'Đã dùng lại', await client.call('users.setDisabled', { id: account.id, disabled: action === 'disable' }));
      }
      case 'unlock':
        return done('Đã mở khóa', await client.call('users.unlock', { id: (await accountNamed(client, username)).id }));
      case 'reset-password': {
        const account = await accountNamed(client, username);
        return done('Đã đặt lại mật khẩu (phải đổi ở lần đăng nhập tới)', await client.call('users.resetPassword', { id: account.id, password: passwordOf(options) }));
      }
      default:
        throw new UsageError('Lệnh users cần: add, list, disable, enable, unlock hoặc reset-password.');
    }
  });
}

export const USER_COMMANDS: Record<string, Command> = {
  users: {
    args: 'add|list|disable|enable|unlock|reset-password [TÊN]',
    summary: 'Tài khoản người dùng: thêm, xem, vô hiệu hóa, dùng lại, mở khóa, đặt lại mật khẩu',
    options: ['username', 'role', 'name', 'password-file', 'keep-password'],
    takesWords: true,
    run: users,
  },
};
