/**
 * Files crossing the web host's HTTP boundary: uploads (a backup to inspect and restore, a workbook to
 * import, streamed to a private file and named by an id) and downloads (a backup or an exported list
 * made for the browser, fetched once by a random token). Both live in `<data folder>/tam`, are forgotten after an hour, and are deleted when the
 * host closes. Electron has native dialogs and real paths instead.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UploadResult } from '../../shared/backup';
import { BackupError } from '../db/backup';
import type { SourceFile } from '../services/backup/index';

/** Larger uploads are refused (a backup of the biggest register is a few hundred MB). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const LIFETIME_MS = 60 * 60 * 1000;

interface Entry {
  file: string;
  name: string;
  expires: number;
}

export class UploadTooLargeError extends Error {}

export class Transfers {
  private readonly uploads = new Map<string, Entry>();
  private readonly downloads = new Map<string, Entry>();

  constructor(readonly dir: string) {}

  /** Where backups made for download are written before they are fetched. */
  get downloadDir(): string {
    return join(this.dir, 'tai-xuong');
  }

  /**
   * Streams a request body to a new private file. A body over `maxBytes` is cut off there: nothing is
   * kept, the rest is left unread and the body is not destroyed, so the caller can still answer 413.
   */
  async receiveUpload(body: Readable, name: string, maxBytes = MAX_UPLOAD_BYTES): Promise<UploadResult> {
    this.sweep();
    mkdirSync(this.dir, { recursive: true });
    const uploadId = randomUUID();
    const file = join(this.dir, `tai-len-${uploadId}`);
    let bytes = 0;
    async function* limited() {
      for await (const chunk of body.iterator({ destroyOnReturn: false })) {
        bytes += (chunk as Buffer).length;
        if (bytes > maxBytes) throw new UploadTooLargeError();
        yield chunk as Buffer;
      }
    }
    try {
      await pipeline(limited, createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      rmSync(file, { force: true });
      throw error;
    }
    this.uploads.set(uploadId, { file, name: name || 'tep-tai-len', expires: Date.now() + LIFETIME_MS });
    return { uploadId, bytes };
  }

  /** The uploaded file for an id given back by `receiveUpload`. */
  upload(uploadId: string): SourceFile {
    const entry = this.uploads.get(uploadId);
    if (!entry || entry.expires < Date.now()) throw new BackupError('bad_file', 'Tệp tải lên không còn (đã quá một giờ hoặc ứng dụng đã khởi động lại). Hãy chọn lại tệp.');
    return { path: entry.file, name: entry.name };
  }

  discardUpload(uploadId: string): void {
    const entry = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (entry) rmSync(entry.file, { force: true });
  }

  /** Offers a file for one download; returns the token of its URL (/download/<token>). */
  offerDownload(file: string, name: string): string {
    this.sweep();
    const token = randomBytes(24).toString('base64url');
    this.downloads.set(token, { file, name, expires: Date.now() + LIFETIME_MS });
    return token;
  }

  /** Offers bytes made for the browser (an exported list) for one download, written to a private file first. */
  offerBytes(data: Buffer, name: string): string {
    mkdirSync(this.downloadDir, { recursive: true });
    const file = join(this.downloadDir, `xuat-${randomUUID()}`);
    writeFileSync(file, data, { flag: 'wx' });
    return this.offerDownload(file, name);
  }

  /** The file for a download token, once: the token is spent, and the caller deletes the file when sent. */
  takeDownload(token: string): { file: string; name: string } | null {
    const entry = this.downloads.get(token);
    this.downloads.delete(token);
    if (!entry) return null;
    if (entry.expires < Date.now()) {
      rmSync(entry.file, { force: true });
      return null;
    }
    return { file: entry.file, name: entry.name };
  }

  /** Deletes what has expired. */
  sweep(now = Date.now()): void {
    for (const map of [this.uploads, this.downloads]) {
      for (const [key, entry] of map) {
        if (entry.expires >= now) continue;
        map.delete(key);
        rmSync(entry.file, { force: true });
      }
    }
  }

  /** Deletes every file still waiting (the host is closing). */
  close(): void {
    this.sweep(Number.POSITIVE_INFINITY);
  }
}
