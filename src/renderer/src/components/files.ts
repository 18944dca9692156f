/** Files between the browser and the web host: one-time downloads, and uploads kept by the host for a later call. */
import type { UploadResult } from '../../../shared/backup';
import type { ApiResponse } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';

/** Starts a browser download of a one-time link from the web host (a backup, an exported list). */
export function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Sends a chosen file to the web host, which keeps it for a later call (a backup to restore, a workbook to import); Electron reads the path itself. */
export async function uploadFile(file: File): Promise<UploadResult> {
  const response = await fetch('/upload', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
    credentials: 'same-origin',
  });
  const body = (await response.json()) as ApiResponse;
  if (!body.ok) throw ApiError.fromBody(body.error);
  return body.result as UploadResult;
}
