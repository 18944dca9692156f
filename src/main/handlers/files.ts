/**
 * Files the officer chooses or receives, for every host: Electron passes real paths (from its native
 * dialogs); the web host passes uploads and offers downloads (transfers.ts), and a browser page can
 * never name a path on the machine.
 */
import { basename } from 'node:path';
import { ApiError } from '../../shared/errors';
import { BackupError } from '../db/backup';
import type { SourceFile } from '../services/backup';
import { saveExportFile } from '../services/exports';
import type { Transfers } from '../host/transfers';

export type FileRef = { path: string } | { uploadId: string };

export interface HostFiles {
  /** Refuses a path when the request came from a browser page. */
  refusePath(): void;
  /** A file the officer chose: its path, or the web host's upload. */
  fileOf(ref: FileRef): SourceFile;
  /** Forgets an upload once it has been used. */
  discard(ref: FileRef): void;
  /** A file made for the officer: written where Electron's dialog said, or offered once as a download. */
  deliver(file: { fileName: string; data: Buffer }, target: 'download' | { path: string }): { fileName: string; downloadUrl: string | null };
  /** A file already on disk (a backup) offered once as a download. */
  offerDownload(path: string): string;
  /** Where the web host writes what it will offer as a download. */
  downloadDir(): string;
}

/** `transfers`: the web host's uploads and downloads; absent in Electron and the CLI, which use real paths. */
export function hostFiles(transfers?: Transfers): HostFiles {
  const refusePath = () => {
    if (transfers) throw new ApiError('file', 'Trong trình duyệt, tệp được chọn bằng nút tải lên và được lưu vào thư mục Tải xuống.');
  };
  const browserOnly = (message: string) => {
    if (!transfers) throw new BackupError('unavailable', message);
    return transfers;
  };
  const NO_BACKUP_DOWNLOAD = 'Tải bản sao lưu xuống chỉ dùng được khi mở ứng dụng trong trình duyệt. Hãy chọn thư mục để lưu.';
  return {
    refusePath,
    fileOf(ref) {
      if ('path' in ref) {
        refusePath();
        return { path: ref.path, name: ref.path };
      }
      return browserOnly('Tải tệp lên chỉ dùng được khi mở ứng dụng trong trình duyệt. Hãy chọn tệp trên máy.').upload(ref.uploadId);
    },
    discard(ref) {
      if ('uploadId' in ref) transfers?.discardUpload(ref.uploadId);
    },
    deliver(file, target) {
      if (target !== 'download') {
        refusePath();
        saveExportFile(target.path, file.data);
        return { fileName: file.fileName, downloadUrl: null };
      }
      if (!transfers) throw new ApiError('file', 'Tải tệp xuống chỉ dùng được khi mở ứng dụng trong trình duyệt. Hãy chọn nơi lưu.');
      return { fileName: file.fileName, downloadUrl: `/download/${transfers.offerBytes(file.data, file.fileName)}` };
    },
    offerDownload: (path) => `/download/${browserOnly(NO_BACKUP_DOWNLOAD).offerDownload(path, basename(path))}`,
    downloadDir: () => browserOnly(NO_BACKUP_DOWNLOAD).downloadDir,
  };
}
