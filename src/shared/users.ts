/**
 * Accounts: who may sign in, with which role. Roles (Vietnamese names in the UI and on the CLI):
 * admin = quản trị (everything: accounts, catalogues, restore, settings, permanent delete),
 * editor = nhập liệu (enter and edit records, import, export, print, back up),
 * viewer = chỉ xem (read and print, no sensitive columns).
 */
import { z } from 'zod';
import { id } from './common';
import { ROLES, type Role } from './app';
import { newBackupPassword } from './backup';
import { printSettingsInput } from './print';

/** The CLI's names of the roles (`users add --role quan_tri|nhap_lieu|chi_xem`). */
export const ROLE_CODES: Record<Role, string> = { admin: 'quan_tri', editor: 'nhap_lieu', viewer: 'chi_xem' };
export const roleOfCode = (code: string): Role | undefined => ROLES.find((role) => ROLE_CODES[role] === code);

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

export const username = z
  .string({ message: 'Hãy nhập tên đăng nhập.' })
  .trim()
  .toLowerCase()
  .min(3, 'Tên đăng nhập cần ít nhất 3 ký tự.')
  .max(40, 'Tên đăng nhập dài tối đa 40 ký tự.')
  .regex(/^[a-z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang và gạch dưới.')
  // Kept for the command line's accounts ("dòng lệnh (<user>)"), which nobody signs in with.
  .refine((name) => !name.startsWith('dong-lenh.'), 'Tên đăng nhập không được bắt đầu bằng "dong-lenh.".');

export const newPassword = z
  .string({ message: 'Hãy nhập mật khẩu.' })
  .min(MIN_PASSWORD, `Mật khẩu cần ít nhất ${MIN_PASSWORD} ký tự.`)
  .max(MAX_PASSWORD, `Mật khẩu dài tối đa ${MAX_PASSWORD} ký tự.`);

const displayName = z.string({ message: 'Hãy nhập họ tên.' }).trim().min(1, 'Hãy nhập họ tên.').max(100, 'Họ tên dài tối đa 100 ký tự.');
const role = z.enum(ROLES, { message: 'Vai trò không hợp lệ.' });

export const userAddInput = z.object({
  username,
  displayName,
  role,
  password: newPassword,
  /** The administrator chose the password: its owner picks their own at the first sign-in. Off only when the owner chose it. */
  mustChangePassword: z.boolean().default(true),
});
export const userUpdateInput = z.object({ id, displayName, role });
export const userPasswordInput = z.object({ id, password: newPassword });
export const signInInput = z.object({ username: z.string().trim().toLowerCase().min(1, 'Hãy nhập tên đăng nhập.').max(40), password: z.string().min(1, 'Hãy nhập mật khẩu.').max(MAX_PASSWORD) });
export const changePasswordInput = z.object({ current: z.string().min(1, 'Hãy nhập mật khẩu hiện tại.').max(MAX_PASSWORD), next: newPassword });
export const setupInput = z.object({
  unitName: z.string({ message: 'Hãy nhập tên đơn vị.' }).trim().min(1, 'Hãy nhập tên đơn vị.').max(120, 'Tên đơn vị dài tối đa 120 ký tự.'),
  /** The parent unit and the place of the documents' heading and date line (the print settings keep theirs when not given). */
  parentUnit: printSettingsInput.shape.parentUnit.nullish(),
  place: printSettingsInput.shape.place.nullish(),
  username,
  displayName,
  password: newPassword,
  /** Offered on the first-run screen: automatic backups encrypted with it from the start. */
  backupPassword: newBackupPassword.nullish(),
});

export type UserAddInput = z.input<typeof userAddInput>;

/** The idle lock: 10 minutes unless an administrator sets another time. */
export const DEFAULT_IDLE_MINUTES = 10;
export const idleMinutesInput = z.object({
  minutes: z.coerce.number({ message: 'Hãy nhập số phút.' }).int('Số phút là số nguyên.').min(1, 'Ít nhất 1 phút.').max(240, 'Tối đa 240 phút.'),
});

export interface Account {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Set when the account was disabled: it can no longer sign in (accounts are never deleted). */
  disabledAt: string | null;
  /** Locked after repeated wrong passwords, until then. */
  lockedUntil: string | null;
  mustChangePassword: boolean;
  createdAt: string;
}
