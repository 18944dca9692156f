/**
 * The backup commands of the command line, as entries for the command table in cli.ts (same shape:
 * args, summary, options, run -> { lines, json }), so IT staff can schedule backups with the operating
 * system's task scheduler:
 *
 *   backup --to FILE [--password-file F]        back up now (FILE: a .sqlite/.antqbak file or a folder)
 *   verify FILE [--password-file F]             check a backup file and show what it holds; changes nothing
 *   restore FILE [--password-file F] [--yes]    restore a backup (asks first unless --yes)
 *   backups                                     the backup history
 *
 * each with --data-dir and --json. `backup`, `verify` and `backups` work while the app runs (they take
 * no instance lock); `restore` takes it, so it is refused while the app has the data folder open. Each
 * first removes what an interrupted run left behind (cleanLeftovers, services/backup/leftovers.ts).
 *
 * Wiring into cli.ts: add BACKUP_OPTIONS to its OPTIONS, let a command with `takesFile` accept one
 * positional (passed as `file`), and map failures with `backupExitCode(error)` before its own checks
 * (an InstanceLockedError is also a DatabaseRefusedError, but exits 8, not 3).
 *
 * Exit codes:
 *   0   success
 *   1   unexpected failure (no data changed)
 *   2   bad usage (missing --to or FILE, unknown option)
 *   3   the data folder's database was refused (not ours or too new); it was left untouched
 *   4   the backup file is refused: missing, empty, not ours, truncated, damaged, or from a newer app
 *   5   the password: missing for an encrypted file, wrong, too short, or the password file unreadable
 *   6   the destination cannot be written: folder missing or read-only, disk full, drive removed
 *   7   the backup written did not pass verification (it was removed)
 *   8   busy: the app has the data folder open (restore), or another backup or restore is running
 *   9   the restore failed after the swap began; the original data was put back as it was
 *   10  restore not confirmed (no --yes, and no "co" typed); nothing changed
 *   11  not possible now (e.g. no data file yet to back up)
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { BackupInfo, BackupProgress, BackupRecord, RegisterSnapshot } from '../shared/backup';
import { formatNumber } from '../shared/text';
import { BackupError, sizeText, type BackupFailure } from './db/backup';
import { DatabaseRefusedError } from './db/open';
import { InstanceLockedError } from './instance-lock';
import { backupHistory, cleanLeftovers, createBackup, destinationFromPath, inspectBackup, refuseDemoBackup, restoreBackup } from './services/backup';
import { databaseFile, Workspace } from './workspace';
import { formatDateTime } from '../shared/dates';

export const BACKUP_EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  refused: 3,
  badFile: 4,
  password: 5,
  destination: 6,
  verify: 7,
  busy: 8,
  restoreFailed: 9,
  notConfirmed: 10,
  unavailable: 11,
} as const;

const EXIT_OF: Record<BackupFailure, number> = {
  bad_file: BACKUP_EXIT.badFile,
  password: BACKUP_EXIT.password,
  destination: BACKUP_EXIT.destination,
  verify: BACKUP_EXIT.verify,
  busy: BACKUP_EXIT.busy,
  restore_failed: BACKUP_EXIT.restoreFailed,
  unavailable: BACKUP_EXIT.unavailable,
};

/** Options these commands add to the CLI's table (same shape as OPTIONS in cli.ts). */
export const BACKUP_OPTIONS = {
  to: { type: 'string', arg: 'TỆP', help: 'backup: tệp (.sqlite hoặc .antqbak) hoặc thư mục để ghi bản sao lưu' },
  'password-file': { type: 'string', arg: 'TỆP', help: 'backup, verify, restore: tệp chứa mật khẩu (dòng đầu) để mã hóa hoặc mở bản sao lưu' },
  yes: { type: 'boolean', help: 'restore: khôi phục ngay, không hỏi lại' },
} as const;
export type BackupOptionName = keyof typeof BACKUP_OPTIONS;

export interface BackupCommandOptions {
  dataDir: string;
  json: boolean;
  /** The command's one positional argument (FILE). */
  file?: string;
  to?: string;
  passwordFile?: string;
  yes?: boolean;
}

/** What a command prints: lines for people, one object for `--json` (as in cli.ts). */
export interface BackupCommandOutput {
  lines: string[];
  json: Record<string, unknown>;
}

export interface BackupCommand {
  args: string;
  summary: string;
  /** Besides the global --data-dir, --json and --help. */
  options: BackupOptionName[];
  /** Takes one positional FILE. */
  takesFile: boolean;
  run(options: BackupCommandOptions): Promise<BackupCommandOutput>;
}

/** A failure with its exit code; the message is written for the officer and printed as is. */
export class BackupCliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'BackupCliError';
  }
}

/** The exit code for a failure of these commands, or null when it is not one of theirs. */
export function backupExitCode(error: unknown): number | null {
  if (error instanceof BackupCliError) return error.exitCode;
  if (error instanceof BackupError) return EXIT_OF[error.reason];
  if (error instanceof InstanceLockedError) return BACKUP_EXIT.busy;
  if (error instanceof DatabaseRefusedError) return BACKUP_EXIT.refused;
  return null;
}

function readPasswordFile(file: string | undefined): string | null {
  if (file === undefined) return null;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new BackupCliError(`Không đọc được tệp mật khẩu "${file}".`, BACKUP_EXIT.password);
  }
  const password = (text.split(/\r?\n/)[0] ?? '').replace(/^\uFEFF/, '');
  if (!password) throw new BackupCliError(`Tệp mật khẩu "${file}" trống: mật khẩu nằm ở dòng đầu tiên.`, BACKUP_EXIT.password);
  return password;
}

const countLines = (counts: RegisterSnapshot) => [
  `  Mô hình tự quản: ${formatNumber(counts.models)}`,
  `  Thành viên: ${formatNumber(counts.members)}`,
  `  Đánh giá hằng năm: ${formatNumber(counts.evaluations)}`,
  `  Đối tượng giáo dục, giúp đỡ: ${formatNumber(counts.subjects)}`,
  `  Lần đánh giá đối tượng: ${formatNumber(counts.reviews)}`,
  `  Hồ sơ đề nghị khen thưởng: ${formatNumber(counts.nominations)}`,
];

const infoLines = (info: BackupInfo) => [
  `Tệp: ${info.file} (${sizeText(info.bytes)}${info.encrypted ? ', có mật khẩu' : ''})`,
  `Sao lưu lúc: ${info.createdAt ? formatDateTime(info.createdAt) : 'không rõ'}${info.unit ? ` — đơn vị: ${info.unit}` : ''}`,
  `Phiên bản dữ liệu: ${info.schemaVersion}${info.needsMigration ? ` (cũ hơn ứng dụng: sẽ được nâng cấp lên ${info.appSchemaVersion} khi khôi phục)` : ''}`,
  ...(info.mode === 'demo' ? ['Lưu ý: tệp này chứa DỮ LIỆU MẪU, không phải dữ liệu thật.'] : []),
  'Số bản ghi:',
  ...countLines(info.counts),
];

/** Progress on stderr for people at a terminal (never in --json runs). */
function progressPrinter(json: boolean): ((progress: BackupProgress) => void) | undefined {
  if (json || !process.stderr.isTTY) return undefined;
  return (progress) => process.stderr.write(`\r${progress.phase} ${progress.fraction === null ? '' : `${Math.round(progress.fraction * 100)}%`}`.padEnd(70));
}
const endProgress = (json: boolean) => {
  if (!json && process.stderr.isTTY) process.stderr.write('\r'.padEnd(71) + '\r');
};

/** Opens the real database of the folder; refuses to create one where there is nothing to back up. */
async function openExisting(dataDir: string, lock = false): Promise<Workspace> {
  if (!lock && !existsSync(databaseFile(dataDir, 'real'))) {
    throw new BackupCliError(`Chưa có tệp dữ liệu trong thư mục "${dataDir}".`, BACKUP_EXIT.unavailable);
  }
  return Workspace.open({ dataDir, mode: 'real', appVersion: process.env.npm_package_version, lock });
}

const recordJson = (record: BackupRecord) => ({ ...record });

async function backup(options: BackupCommandOptions): Promise<BackupCommandOutput> {
  if (!options.to) throw new BackupCliError('Lệnh backup cần tùy chọn --to TỆP (tệp .sqlite/.antqbak hoặc thư mục).', BACKUP_EXIT.usage);
  const password = readPasswordFile(options.passwordFile);
  if (password !== null && password.length < 8) throw new BackupCliError('Mật khẩu ít nhất 8 ký tự.', BACKUP_EXIT.password);
  const workspace = await openExisting(options.dataDir);
  try {
    const destination = destinationFromPath(options.to);
    await cleanLeftovers(workspace, { folders: ['folder' in destination ? destination.folder : dirname(destination.file)] });
    const { record } = await createBackup(workspace, workspace.context(), {
      kind: 'manual',
      destination,
      password,
      onProgress: progressPrinter(options.json),
    });
    endProgress(options.json);
    return {
      json: { backup: recordJson(record) },
      lines: [
        `Đã sao lưu vào: ${record.file} (${sizeText(record.bytes)}${record.encrypted ? ', có mật khẩu' : ''})`,
        'Đã kiểm tra bản sao: toàn vẹn, số bản ghi khớp với dữ liệu.',
        ...(record.counts ? ['Số bản ghi:', ...countLines(record.counts)] : []),
      ],
    };
  } finally {
    endProgress(options.json);
    await workspace.close();
  }
}

async function verify(options: BackupCommandOptions): Promise<BackupCommandOutput> {
  if (!options.file) throw new BackupCliError('Lệnh verify cần tên tệp sao lưu: verify TỆP.', BACKUP_EXIT.usage);
  const password = readPasswordFile(options.passwordFile);
  await cleanLeftovers({ dataDir: options.dataDir });
  const info = await inspectBackup({ dataDir: options.dataDir }, { path: options.file, name: options.file }, password, progressPrinter(options.json));
  endProgress(options.json);
  const verdict =
    info.mode === 'demo'
      ? 'Tệp sao lưu nguyên vẹn (đã kiểm tra), nhưng là DỮ LIỆU MẪU: không khôi phục được vào dữ liệu thật.'
      : 'Tệp sao lưu hợp lệ (đã kiểm tra toàn vẹn).';
  return { json: { info }, lines: [verdict, ...infoLines(info)] };
}

async function confirm(info: BackupInfo, json: boolean): Promise<boolean> {
  if (json || !process.stdin.isTTY) return false;
  process.stdout.write(`${infoLines(info).join('\n')}\n\nDữ liệu hiện tại sẽ được thay bằng dữ liệu trong tệp này (một bản sao an toàn được lưu trước).\n`);
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await prompt.question('Gõ "co" rồi Enter để khôi phục, hoặc Enter để thôi: ');
    return ['co', 'có'].includes(answer.trim().normalize('NFC').toLowerCase());
  } finally {
    prompt.close();
  }
}

async function restore(options: BackupCommandOptions): Promise<BackupCommandOutput> {
  if (!options.file) throw new BackupCliError('Lệnh restore cần tên tệp sao lưu: restore TỆP.', BACKUP_EXIT.usage);
  const password = readPasswordFile(options.passwordFile);
  const source = { path: options.file, name: options.file };
  // The candidate is checked in full (through a private copy in the data folder) before the live
  // database is opened at all: a refused file leaves it, and its -wal and -shm, byte for byte as they were.
  const info = await inspectBackup({ dataDir: options.dataDir }, source, password);
  refuseDemoBackup(info); // before asking: the answer could not change it
  if (!options.yes && !(await confirm(info, options.json))) {
    throw new BackupCliError('Chưa khôi phục: cần xác nhận (gõ "co", hoặc chạy lại với --yes). Dữ liệu hiện tại không bị thay đổi.', BACKUP_EXIT.notConfirmed);
  }
  // The lock: never swap the file under a running app.
  const workspace = await openExisting(options.dataDir, true);
  try {
    await cleanLeftovers(workspace);
    const result = await restoreBackup(workspace, workspace.context(), source, password, { onProgress: progressPrinter(options.json) });
    endProgress(options.json);
    return {
      json: { restored: result.restored, safetyBackup: recordJson(result.safetyBackup) },
      lines: [
        `Đã khôi phục dữ liệu từ: ${result.restored.file}`,
        ...infoLines(result.restored).slice(1),
        `Bản sao an toàn của dữ liệu trước khi khôi phục: ${result.safetyBackup.file}`,
        `Để hoàn tác: dùng "Hoàn tác lần khôi phục" trong ứng dụng, hoặc lệnh: restore "${result.safetyBackup.file}" --yes`,
      ],
    };
  } finally {
    endProgress(options.json);
    await workspace.close();
  }
}

const KIND_LABEL = { manual: 'thủ công', automatic: 'tự động', safety: 'an toàn' } as const;

async function backups(options: BackupCommandOptions): Promise<BackupCommandOutput> {
  const workspace = await openExisting(options.dataDir);
  try {
    await cleanLeftovers(workspace);
    const rows = await backupHistory(workspace.context(), { limit: 1000, includeRemoved: true });
    const line = (row: BackupRecord) =>
      [
        formatDateTime(row.createdAt),
        KIND_LABEL[row.kind].padEnd(8),
        row.status === 'ok' ? (row.removedAt ? 'đã xoay vòng' : 'tốt') : 'LỖI',
        row.status === 'ok' ? `${sizeText(row.bytes)}${row.encrypted ? ', mật khẩu' : ''}` : '',
        row.status !== 'ok' ? (row.error ?? '') : basename(row.file) === row.file ? `${row.file} (tải xuống)` : row.file,
      ]
        .filter(Boolean)
        .join('  ');
    return {
      json: { backups: rows.map(recordJson) },
      lines: rows.length === 0 ? ['Chưa có lần sao lưu nào.'] : [`Lịch sử sao lưu (${formatNumber(rows.length)}, mới nhất trước):`, ...rows.map(line)],
    };
  } finally {
    await workspace.close();
  }
}

export const BACKUP_COMMANDS: Record<'backup' | 'verify' | 'restore' | 'backups', BackupCommand> = {
  backup: {
    args: '--to TỆP [--password-file F]',
    summary: 'Sao lưu ngay (kiểm tra lại bản sao sau khi ghi); chạy được khi ứng dụng đang mở',
    options: ['to', 'password-file'],
    takesFile: false,
    run: backup,
  },
  verify: {
    args: 'TỆP [--password-file F]',
    summary: 'Kiểm tra một bản sao lưu và xem nội dung (không thay đổi gì)',
    options: ['password-file'],
    takesFile: true,
    run: verify,
  },
  restore: {
    args: 'TỆP [--password-file F] [--yes]',
    summary: 'Khôi phục từ bản sao lưu (lưu bản sao an toàn trước; cần đóng ứng dụng)',
    options: ['password-file', 'yes'],
    takesFile: true,
    run: restore,
  },
  backups: {
    args: '',
    summary: 'Lịch sử sao lưu',
    options: [],
    takesFile: false,
    run: backups,
  },
};
