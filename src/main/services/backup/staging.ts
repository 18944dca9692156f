/** A file offered for restore, copied privately into the staging folder (decrypted when it has a password), or refused by what it is. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BackupError, isSqliteHeader } from '../../db/backup';
import { readHead } from '../../platform/file-head';
import { sniffForeignFile, type ForeignKind } from '../../platform/file-kind';
import { currentOwner, ownerText } from '../../platform/process-alive';
import { decryptToFile, isEncryptedHeader } from './crypto';
import { stagingDir } from './naming';

/** A file to read: its path, and the name to show (an upload's original name). */
export interface SourceFile {
  path: string;
  name: string;
}

export interface Staged {
  file: string;
  encrypted: boolean;
  bytes: number;
}

const NOT_A_BACKUP = (name: string) => `Tệp "${name}" không phải là bản sao lưu của ứng dụng (không phải cơ sở dữ liệu SQLite, cũng không phải bản sao lưu có mật khẩu).`;

/** Why a file that is neither SQLite nor an encrypted backup was refused, by what it is. */
function notABackup(name: string, kind: ForeignKind): string {
  const wrong = `Tệp "${name}" không phải là bản sao lưu`;
  switch (kind) {
    case 'xlsx':
    case 'ods':
    case 'xls':
      return `${wrong}: đây là bảng tính Excel${kind === 'ods' ? ' (OpenDocument)' : ''}. Để đưa dữ liệu từ bảng tính vào ứng dụng, hãy dùng Nhập từ Excel.`;
    case 'zip':
      return `${wrong}: đây là tệp nén ZIP, hãy giải nén trước rồi chọn tệp sao lưu (.sqlite hoặc .antqbak) bên trong.`;
    case 'rar':
    case '7z':
    case 'gzip':
      return `${wrong}: đây là tệp nén ${kind === 'rar' ? 'RAR' : kind}, hãy giải nén trước rồi chọn tệp sao lưu (.sqlite hoặc .antqbak) bên trong.`;
    case 'text':
      return `${wrong}: đây là tệp văn bản/CSV, hãy dùng Nhập từ Excel để đưa dữ liệu trong đó vào ứng dụng.`;
    case 'sqlite-pages':
      return `Tệp "${name}" bị hỏng: trang đầu của cơ sở dữ liệu đã bị ghi đè, không dùng để khôi phục được.`;
    case 'unknown':
      return NOT_A_BACKUP(name);
  }
}

/** A private copy of the candidate in the staging folder (decrypted when it has a password). */
export async function stageSource(dataDir: string, source: SourceFile, password: string | null | undefined, progress: (fraction: number) => void): Promise<Staged> {
  let size: number;
  try {
    const info = statSync(source.path);
    if (info.isDirectory()) throw new BackupError('bad_file', `"${source.name}" là một thư mục, không phải tệp sao lưu.`);
    size = info.size;
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('bad_file', `Không tìm thấy hoặc không đọc được tệp "${source.name}".`);
  }
  if (size === 0) throw new BackupError('bad_file', `Tệp "${source.name}" trống (0 byte), không phải là bản sao lưu.`);
  const head = readHead(source.path, 16);
  const folder = stagingDir(dataDir);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `khoi-phuc-${ownerText(currentOwner())}_${randomUUID()}.sqlite`);
  if (isEncryptedHeader(head)) {
    if (!password) throw new BackupError('password', 'Tệp sao lưu này được bảo vệ bằng mật khẩu. Hãy nhập mật khẩu đã dùng khi sao lưu.');
    await decryptToFile(source.path, file, password, source.name, progress);
    return { file, encrypted: true, bytes: size };
  }
  if (!isSqliteHeader(head)) throw new BackupError('bad_file', notABackup(source.name, sniffForeignFile(source.path, size)));
  await copyFile(source.path, file);
  // A data file copied with its -wal (e.g. from a PC that was not shut down cleanly): the commits in the
  // -wal are part of it, so they come along and SQLite replays them into the private copy.
  const wal = `${source.path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) await copyFile(wal, `${file}-wal`);
  // A copy keeps the source's modification time on macOS and Windows: an old backup's copy would look
  // like a day-old leftover to a clean-up running meanwhile. It is a fresh file: it says so.
  const copied = new Date();
  for (const path of [file, `${file}-wal`]) if (existsSync(path)) utimesSync(path, copied, copied);
  progress(1);
  return { file, encrypted: false, bytes: size };
}
