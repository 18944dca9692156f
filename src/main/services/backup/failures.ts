/** What a failed write into a backup folder tells the officer: which folder, and why (full, read-only, missing, unplugged). */
import { BackupError } from '../../db/backup';

/** Turns a file-system or SQLite failure while writing into a message naming the folder. */
export function writeFailure(error: unknown, folder: string): BackupError | null {
  if (error instanceof BackupError) return error;
  const code = String((error as { code?: unknown })?.code ?? '');
  const untouched = ' Dữ liệu trong ứng dụng không bị ảnh hưởng.';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new BackupError('destination', `Ổ đĩa chứa thư mục "${folder}" đã đầy, không đủ chỗ cho bản sao lưu. Không có tệp dở dang nào được để lại.${untouched}`);
  }
  if (['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH'].includes(code) || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new BackupError('destination', `Không ghi được vào thư mục "${folder}": thư mục chỉ đọc hoặc không có quyền ghi. Hãy chọn thư mục khác.${untouched}`);
  }
  // The TypeError comes from better-sqlite3's backup(); from the worker it arrives as a plain Error.
  if (['ENOENT', 'ENOTDIR', 'EEXIST', 'EISDIR', 'EINVAL', 'ENAMETOOLONG'].includes(code) || (error instanceof Error && /directory does not exist/.test(error.message))) {
    return new BackupError('destination', `Thư mục "${folder}" không tồn tại và không tạo được. Hãy chọn thư mục khác.${untouched}`);
  }
  if (code === 'EIO' || code.startsWith('SQLITE_IOERR') || code === 'ENODEV' || code === 'ENXIO') {
    return new BackupError('destination', `Lỗi đọc ghi ổ đĩa khi sao lưu vào "${folder}" (ổ USB bị rút ra hoặc bị hỏng?). Không có tệp dở dang nào được để lại.${untouched}`);
  }
  return null;
}
