/**
 * The backup commands, so IT staff can schedule backups with the operating system's task scheduler:
 *
 *   backup --to FILE [--password-file F]        back up now (FILE: a .sqlite/.antqbak file or a folder)
 *   verify FILE [--password-file F]             check a backup file and show what it holds; changes nothing
 *   restore FILE [--password-file F] [--yes]    restore a backup (asks first unless --yes)
 *   backups                                     the backup history
 *   merge-from FILE [--password-file F]         merge a ward's backup into this data (services/merge)
 *   copy-to-server --database URL               this PC's data file into a new PostgreSQL server
 *
 * Each is a contract call (backup.create, backup.restore, backup.history) but the check of a file
 * before `verify` shows it or `restore` asks (see `inspect`). `backup`,
 * `verify` and `backups` work while the app runs (they take no instance lock); `restore` takes it, so it
 * is refused while the app has the data folder open. Like the app's hosts at start, each first removes
 * what an interrupted run left behind (cleanLeftovers).
 */
import { basename, dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { BackupInfo, BackupProgress, BackupRecord, RegisterSnapshot } from '../../shared/backup';
import type { MergeReport } from '../../shared/merge';
import { formatDateTime } from '../../shared/dates';
import { formatNumber } from '../../shared/text';
import { sizeText } from '../db/backup';
import { PasswordFileError, readPasswordFile as readPasswordFromFile } from '../platform/password-file';
import { cleanLeftovers, destinationFromPath, inspectBackup, refuseDemoBackup } from '../services/backup';
import { withClient, type Client } from './client';
import { CliError, EXIT } from './exit-codes';
import type { Command, Options, Output } from './options';

export function readPasswordFile(file: string | undefined): string | null {
  if (file === undefined) return null;
  try {
    return readPasswordFromFile(file);
  } catch (error) {
    if (error instanceof PasswordFileError) throw new CliError(error.message, EXIT.password);
    throw error;
  }
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
function terminalProgress(json: boolean): ((progress: BackupProgress) => void) | undefined {
  if (json || !process.stderr.isTTY) return undefined;
  return (progress) => process.stderr.write(`\r${progress.phase} ${progress.fraction === null ? '' : `${Math.round(progress.fraction * 100)}%`}`.padEnd(70));
}

const clearProgress = () => process.stderr.write('\r'.padEnd(71) + '\r');

/** Runs a long backup or restore call, its progress polled with backup.progress (as the app's page does). */
async function withProgress<T>(client: Client, json: boolean, work: Promise<T>): Promise<T> {
  const show = terminalProgress(json);
  if (!show) return work;
  const timer = setInterval(() => {
    client.call('backup.progress', {}).then(
      (progress) => progress && show(progress),
      () => undefined, // a missed progress line is no failure of the backup
    );
  }, 250);
  try {
    return await work;
  } finally {
    clearInterval(timer);
    clearProgress();
  }
}

/**
 * The check of a file before `verify` shows it or `restore` asks: the one call the CLI makes to a service
 * directly. It needs no open database, so the live one is never opened to look at a file (a refused
 * restore leaves it, its -wal and -shm, byte for byte as they were; `verify` on a new PC creates no data
 * file), and its private copy goes where the next start's clean-up finds it if the run is interrupted.
 * The restore itself is the contract's backup.restore.
 */
async function inspect(options: Options, password: string | null): Promise<BackupInfo> {
  const show = terminalProgress(options.json);
  try {
    return await inspectBackup({ dataDir: options.dataDir }, { path: options.file as string, name: options.file as string }, password, show);
  } finally {
    if (show) clearProgress();
  }
}

async function backup(options: Options): Promise<Output> {
  if (!options.to) throw new CliError('Lệnh backup cần tùy chọn --to TỆP (tệp .sqlite/.antqbak hoặc thư mục).', EXIT.usage);
  const password = readPasswordFile(options.passwordFile);
  if (password !== null && password.length < 8) throw new CliError('Mật khẩu ít nhất 8 ký tự.', EXIT.password);
  const to = options.to;
  return withClient({ dataDir: options.dataDir, server: options.server, missingExitCode: EXIT.unavailable }, async (client) => {
    const destination = destinationFromPath(to);
    await cleanLeftovers(client.workspace, { folders: ['folder' in destination ? destination.folder : dirname(destination.file)] });
    const { record } = await withProgress(client, options.json, client.call('backup.create', { target: { path: to }, password }));
    return {
      json: { backup: { ...record } },
      lines: [
        `Đã sao lưu vào: ${record.file} (${sizeText(record.bytes)}${record.encrypted ? ', có mật khẩu' : ''})`,
        'Đã kiểm tra bản sao: toàn vẹn, số bản ghi khớp với dữ liệu.',
        ...(record.counts ? ['Số bản ghi:', ...countLines(record.counts)] : []),
      ],
    };
  });
}

async function verify(options: Options): Promise<Output> {
  if (!options.file) throw new CliError('Lệnh verify cần tên tệp sao lưu: verify TỆP.', EXIT.usage);
  const password = readPasswordFile(options.passwordFile);
  await cleanLeftovers({ dataDir: options.dataDir });
  const info = await inspect(options, password);
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

async function restore(options: Options): Promise<Output> {
  if (!options.file) throw new CliError('Lệnh restore cần tên tệp sao lưu: restore TỆP.', EXIT.usage);
  const file = options.file;
  const password = readPasswordFile(options.passwordFile);
  // The candidate is checked in full before the live database is opened at all.
  const info = await inspect(options, password);
  refuseDemoBackup(info); // before asking: the answer could not change it
  if (!options.yes && !(await confirm(info, options.json))) {
    throw new CliError('Chưa khôi phục: cần xác nhận (gõ "co", hoặc chạy lại với --yes). Dữ liệu hiện tại không bị thay đổi.', EXIT.notConfirmed);
  }
  // The lock: never swap the file under a running app.
  return withClient({ dataDir: options.dataDir, server: options.server, lock: true }, async (client) => {
    await cleanLeftovers(client.workspace);
    const result = await withProgress(client, options.json, client.call('backup.restore', { file: { path: file }, password }));
    return {
      json: { restored: result.restored, safetyBackup: { ...result.safetyBackup } },
      lines: [
        `Đã khôi phục dữ liệu từ: ${result.restored.file}`,
        ...infoLines(result.restored).slice(1),
        `Bản sao an toàn của dữ liệu trước khi khôi phục: ${result.safetyBackup.file}`,
        `Để hoàn tác: dùng "Hoàn tác lần khôi phục" trong ứng dụng, hoặc lệnh: restore "${result.safetyBackup.file}" --yes`,
      ],
    };
  });
}

const REGISTER_LABEL: Record<keyof MergeReport['added'], string> = {
  subjects: 'Đối tượng giáo dục, giúp đỡ',
  reviews: 'Lần đánh giá đối tượng',
  models: 'Mô hình tự quản',
  members: 'Thành viên',
  evaluations: 'Đánh giá hằng năm',
  rounds: 'Đợt khen thưởng',
  nominations: 'Hồ sơ đề nghị khen thưởng',
  activities: 'Hoạt động phong trào',
  tips: 'Tin báo',
  standards: 'Đăng ký tiêu chuẩn ANTT',
  scores: 'Phiếu chấm điểm',
};

const shown = (value: unknown) => (value === null || value === undefined || value === '' ? '(trống)' : String(value));

function mergeLines(report: MergeReport): string[] {
  const counted = (counts: MergeReport['added']) =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([register, count]) => `  ${REGISTER_LABEL[register as keyof MergeReport['added']]}: ${formatNumber(count)}`);
  const added = counted(report.added);
  const updated = counted(report.updated);
  return [
    `Đã gộp dữ liệu từ tệp: ${report.file}${report.unit ? ` — đơn vị: ${report.unit}` : ''}`,
    ...(added.length ? ['Thêm mới:', ...added] : ['Không có hồ sơ mới.']),
    ...(updated.length ? ['Cập nhật theo tệp (chỉ tệp có thay đổi):', ...updated] : []),
    `Giống nhau, giữ nguyên: ${formatNumber(report.unchanged)}; lịch sử và nhật ký thêm: ${formatNumber(report.historyAdded)}`,
    ...report.cataloguesAdded.map((entry) => `Thêm vào danh mục: ${entry.name}`),
    ...report.notAdded.map((entry) => `Không thêm ${REGISTER_LABEL[entry.register]}: ${entry.label}. ${entry.reason}`),
    ...(report.conflicts.length
      ? [
          `${formatNumber(report.conflicts.length)} hồ sơ đã được sửa ở cả hai nơi, đang giữ bản ở đây và chờ quyết định (Sao lưu › Gộp dữ liệu từ tệp):`,
          ...report.conflicts.flatMap((conflict) => [
            `  ${REGISTER_LABEL[conflict.register]}: ${conflict.label} (ở đây sửa lúc ${formatDateTime(conflict.ours.updatedAt)}, trong tệp lúc ${formatDateTime(conflict.theirs.updatedAt)})`,
            ...conflict.fields.map((field) => `    ${field.field}: ở đây ${shown(field.ours)} / trong tệp ${shown(field.theirs)}`),
          ]),
        ]
      : []),
  ];
}

async function mergeFrom(options: Options): Promise<Output> {
  if (!options.file) throw new CliError('Lệnh merge-from cần tên tệp sao lưu của phường: merge-from TỆP.', EXIT.usage);
  const file = options.file;
  const password = readPasswordFile(options.passwordFile);
  return withClient({ dataDir: options.dataDir, server: options.server, missingExitCode: EXIT.unavailable }, async (client) => {
    await cleanLeftovers(client.workspace);
    const report = await withProgress(client, options.json, client.call('backup.merge', { file: { path: file }, password }));
    return { exitCode: report.conflicts.length > 0 ? EXIT.mergeConflicts : undefined, json: { merge: report }, lines: mergeLines(report) };
  });
}

/** The registers' tables as officers name them; the rest (catalogues, histories, the log) is counted together. */
const TABLE_LABEL: Record<string, string> = {
  subjects: 'Đối tượng giáo dục, giúp đỡ',
  subject_reviews: 'Lần đánh giá đối tượng',
  models: 'Mô hình tự quản',
  model_members: 'Thành viên',
  model_evaluations: 'Đánh giá hằng năm',
  nominations: 'Hồ sơ đề nghị khen thưởng',
  activities: 'Hoạt động tuyên truyền, vận động',
  tips: 'Tin báo',
  users: 'Tài khoản',
};

async function copyToServer(options: Options): Promise<Output> {
  if (!options.server) throw new CliError('Lệnh copy-to-server cần --database postgres://… (máy chủ nhận dữ liệu).', EXIT.usage);
  return withClient({ dataDir: options.dataDir, server: options.server }, async (client) => {
    const report = await client.call('backup.copyToServer', {});
    const rest = Object.entries(report.rows).filter(([table]) => !(table in TABLE_LABEL)).reduce((sum, [, count]) => sum + count, 0);
    return {
      json: { copy: report },
      lines: [
        `Đã chép tệp "${report.file}" vào máy chủ ${client.workspace.file}:`,
        ...Object.entries(TABLE_LABEL).map(([table, label]) => `  ${label}: ${formatNumber(report.rows[table] ?? 0)}`),
        `  Danh mục, lịch sử và nhật ký: ${formatNumber(rest)}`,
      ],
    };
  });
}

const KIND_LABEL = { manual: 'thủ công', automatic: 'tự động', safety: 'an toàn' } as const;

async function backups(options: Options): Promise<Output> {
  return withClient({ dataDir: options.dataDir, server: options.server, missingExitCode: EXIT.unavailable }, async (client) => {
    await cleanLeftovers(client.workspace);
    const rows = await client.call('backup.history', { limit: 1000, includeRemoved: true });
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
      json: { backups: rows.map((row) => ({ ...row })) },
      lines: rows.length === 0 ? ['Chưa có lần sao lưu nào.'] : [`Lịch sử sao lưu (${formatNumber(rows.length)}, mới nhất trước):`, ...rows.map(line)],
    };
  });
}

export const BACKUP_COMMANDS: Record<'backup' | 'verify' | 'restore' | 'backups' | 'merge-from' | 'copy-to-server', Command> = {
  backup: {
    args: '--to TỆP [--password-file F]',
    summary: 'Sao lưu ngay (kiểm tra lại bản sao sau khi ghi); chạy được khi ứng dụng đang mở',
    options: ['to', 'password-file'],
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
    run: backups,
  },
  'merge-from': {
    args: 'TỆP [--password-file F]',
    summary: 'Gộp dữ liệu từ bản sao lưu của một phường vào dữ liệu này (hồ sơ sửa ở cả hai nơi chờ quyết định)',
    options: ['password-file'],
    takesFile: true,
    run: mergeFrom,
  },
  'copy-to-server': {
    args: '--database postgres://…',
    summary: 'Chép toàn bộ tệp dữ liệu trên máy này vào máy chủ PostgreSQL mới (chưa có hồ sơ nào)',
    options: [],
    run: copyToServer,
  },
};
