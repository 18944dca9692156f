/**
 * Files the officer chooses or receives, for every host: Electron passes real paths (from its native
 * dialogs); the web host passes uploads and offers downloads (transfers.ts), and a browser page can
 * never name a path on the machine.
 */
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError } from '../../shared/errors';
import { BackupError } from '../db/backup';
import type { SourceFile } from '../services/backup';
import { saveExportFile } from '../services/exports';
import type { Transfers } from '../host/transfers';
import { PRIVATE_FILE_MODE, privateDir } from '../platform/private-files';

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
  /**
   * A file made to be opened at once (a printout as PDF): Electron writes it into its own folder and opens
   * it with the system's viewer; the web host offers it as a download, to be opened from there.
   */
  open(file: { fileName: string; data: Buffer }): Promise<{ fileName: string; downloadUrl: string | null }>;
  /** A file already on disk (a backup) offered once as a download. */
  offerDownload(path: string): string;
  /** Where the web host writes what it will offer as a download. */
  downloadDir(): string;
}

/** Opens files with the system's own programs (Electron): where they are written, and how they are opened. */
export interface FileOpener {
  folder: string;
  open(path: string): Promise<void>;
}

/** Files opened more than a day ago are removed when the next one is written (the viewer has long read them). */
const OPENED_FILES_KEPT_MS = 24 * 3_600_000;

/**
 * Removes the files written for opening that are older than `age` (all of them with 0, at start). Best
 * effort: a file a viewer still holds open (Windows refuses to delete it) is left for the next time.
 */
export function removeOpenedFiles(folder: string, age = OPENED_FILES_KEPT_MS): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    try {
      const file = join(folder, name);
      const info = statSync(file);
      if (info.isFile() && Date.now() - info.mtimeMs >= age) rmSync(file, { force: true });
    } catch {
      // held open, or gone already
    }
  }
}

function writeForOpening(opener: FileOpener, file: { fileName: string; data: Buffer }): string {
  privateDir(opener.folder);
  removeOpenedFiles(opener.folder);
  const path = join(opener.folder, `${Date.now()}-${file.fileName}`);
  writeFileSync(path, file.data, { mode: PRIVATE_FILE_MODE });
  return path;
}

/**
 * `transfers`: the web host's uploads and downloads; absent in Electron and the CLI, which use real paths.
 * `opener`: Electron's way to open a file with the system's programs.
 */
export function hostFiles(transfers?: Transfers, opener?: FileOpener): HostFiles {
  const refusePath = () => {
    if (transfers) throw new ApiError('file', 'Trong trình duyệt, tệp được chọn bằng nút tải lên và được lưu vào thư mục Tải xuống.');
  };
  const browserOnly = (message: string) => {
    if (!transfers) throw new BackupError('unavailable', message);
    return transfers;
  };
  const NO_BACKUP_DOWNLOAD = 'Tải bản sao lưu xuống chỉ dùng được khi mở ứng dụng trong trình duyệt. Hãy chọn thư mục để lưu.';
  const files: HostFiles = {
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
    async open(file) {
      if (!opener) return files.deliver(file, 'download');
      await opener.open(writeForOpening(opener, file));
      return { fileName: file.fileName, downloadUrl: null };
    },
    offerDownload: (path) => `/download/${browserOnly(NO_BACKUP_DOWNLOAD).offerDownload(path, basename(path))}`,
    downloadDir: () => browserOnly(NO_BACKUP_DOWNLOAD).downloadDir,
  };
  return files;
}
