/**
 * Where the real data lives (issue 18 point 1): the local file (the default), or a PostgreSQL server that
 * several PCs share. An administrator chooses it in Settings; the choice is applied at the next start.
 */
import { z } from 'zod';

/** How the connection to the server is protected (the names are node-postgres's `sslmode` values). */
export const TLS_MODES = ['disable', 'no-verify', 'verify-full'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export const DEFAULT_SERVER_PORT = 5432;

/** Names PostgreSQL takes without quoting: what an office's administrator types for a database or a user (empty: said by min). */
const serverName = (what: string) =>
  z
    .string({ message: `Hãy nhập ${what}.` })
    .trim()
    .min(1, `Hãy nhập ${what}.`)
    .max(63, `Tên ${what} dài tối đa 63 ký tự.`)
    .regex(/^(?:[A-Za-z_][A-Za-z0-9_.-]*)?$/, `Tên ${what} chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang và gạch dưới, bắt đầu bằng chữ.`);

export const serverSettingsInput = z.object({
  host: z
    .string({ message: 'Hãy nhập tên hoặc địa chỉ máy chủ.' })
    .trim()
    .min(1, 'Hãy nhập tên hoặc địa chỉ máy chủ.')
    .max(253, 'Tên máy chủ dài tối đa 253 ký tự.')
    .regex(/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:]+\])?$/, 'Tên máy chủ chỉ gồm chữ không dấu, số, dấu chấm và gạch ngang (ví dụ 192.168.1.10 hoặc may-chu-cong-an).'),
  port: z.coerce
    .number({ message: 'Cổng là một số.' })
    .int('Cổng là số nguyên.')
    .min(1, 'Cổng từ 1 đến 65535.')
    .max(65535, 'Cổng từ 1 đến 65535.')
    .default(DEFAULT_SERVER_PORT),
  database: serverName('cơ sở dữ liệu'),
  user: serverName('người dùng'),
  /** Empty: keep the password saved before (or none). Never sent back to the page. */
  password: z.string().max(200, 'Mật khẩu dài tối đa 200 ký tự.').default(''),
  tls: z.enum(TLS_MODES, { message: 'Chế độ mã hóa không hợp lệ.' }).default('disable'),
});
export type ServerSettingsInput = z.input<typeof serverSettingsInput>;
export type ServerSettings = Omit<z.output<typeof serverSettingsInput>, 'password'>;

export const dataSourceInput = z.discriminatedUnion('kind', [z.object({ kind: z.literal('file') }), z.object({ kind: z.literal('server'), server: serverSettingsInput })], {
  message: 'Hãy chọn nguồn dữ liệu.',
});

export type SavedDataSource = { kind: 'file' } | { kind: 'server'; server: ServerSettings; passwordSaved: boolean };

export interface DataSourceStatus {
  /** What this run has open: the local file's path, or the server's address (without any password). */
  active: { kind: 'file' | 'server'; where: string };
  /** What the next start opens. */
  saved: SavedDataSource;
  /** The saved choice differs from what is open: it is applied at the next start. */
  restartNeeded: boolean;
  /** This host can keep the password sealed by the operating system (the desktop app); else it is not saved. */
  canSavePassword: boolean;
}

/** What "Kiểm tra kết nối" found on the server; nothing on it is changed by the check. */
export interface ServerCheck {
  address: string;
  /** empty: the app creates its tables at the first start; ours: the app's data; newer: a newer app's data; foreign: another program's tables. */
  state: 'empty' | 'ours' | 'newer' | 'foreign';
  schemaVersion: number | null;
  /** People on the server (not in the trash), when it holds the app's data. */
  people: number | null;
  encrypted: boolean;
}
