/**
 * PDFs painted from laid-out pages (issue 14): the text as laid out, Tinos embedded, A4; the print
 * methods through the handler table (chunks, targets, refusals); Electron's "In" writing the PDF into its
 * own private folder and opening it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostFiles, removeOpenedFiles } from '../../src/main/handlers/files';
import { PdfJobs } from '../../src/main/services/print/pdf-jobs';
import { DEFAULT_PRINT_SETTINGS } from '../../src/shared/print';
import type { PrintedPage } from '../../src/shared/printed-pages';
import { layoutRoster } from '../../src/renderer/src/print/layout/roster';
import { measureTinos } from './print-fonts';
import { apiError, openTestApp, tempDir } from './helpers';

const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

function rosterPages(count: number): PrintedPage[] {
  const rows = Array.from({ length: count }, (_row, index) => [String(index + 1), `Nguyễn Thị Ánh Tuyết ${index + 1}`, 'Khu phố 3, Phường Bình Tiên', 'Tổ tự quản an ninh trật tự']);
  const columns = [{ header: 'STT', align: 'center' as const }, { header: 'Họ và tên' }, { header: 'Địa chỉ' }, { header: 'Mô hình' }];
  return layoutRoster({ settings: DEFAULT_PRINT_SETTINGS, title: 'Danh sách thử', date: new Date(2026, 2, 5), columns, rows }, { orientation: 'landscape', fontSize: 12 }, measureTinos);
}

describe('PdfJobs', () => {
  it('paints the pages into an A4 PDF with Tinos embedded and the text as laid out', async () => {
    const pages = rosterPages(400);
    const jobs = new PdfJobs();
    const jobId = await jobs.start('landscape', 'Danh sách thử');
    jobs.add(jobId, pages.slice(0, 3));
    expect(jobs.add(jobId, pages.slice(3))).toBe(pages.length);
    const made = await jobs.finish(jobId);
    const file = join(tempDir(), 'roster.pdf');
    writeFileSync(file, made.data);
    const info = pdfinfo(file);
    expect(info).toContain(`Pages:           ${pages.length}`);
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).toMatch(/Tinos.*yes/);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    for (const line of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'DANH SÁCH THỬ', 'Thành phố Hồ Chí Minh, ngày 05 tháng 3 năm 2026', 'Nguyễn Thị Ánh Tuyết 400']) expect(text).toContain(line);
    // A finished job is gone: a second finish is refused rather than making an empty PDF.
    await expect(jobs.finish(jobId)).rejects.toThrow(/hết hạn/);
  });
});

describe('print methods', () => {
  it('make a PDF from pages sent in chunks, written where the officer chose', async () => {
    const app = await openTestApp();
    const pages = rosterPages(60);
    const { jobId } = await app.call('print.start', { orientation: 'landscape', title: 'Danh sách thử' });
    await app.call('print.addPages', { jobId, pages: pages.slice(0, 2) });
    expect((await app.call('print.addPages', { jobId, pages: pages.slice(2) })).pages).toBe(pages.length);
    const path = join(tempDir(), 'in.pdf');
    const made = await app.call('print.finish', { jobId, fileName: 'Danh sách: thử/1', target: { path } });
    expect(made).toEqual({ fileName: 'Danh sách thử 1.pdf', pages: pages.length, downloadUrl: null });
    expect(pdfinfo(path)).toContain(`Pages:           ${pages.length}`);
  });

  it('refuse what is not a page, too many pages at once, and a job that is gone', async () => {
    const app = await openTestApp();
    const { jobId } = await app.call('print.start', { orientation: 'portrait', title: 'x' });
    const page = rosterPages(1)[0] as PrintedPage;
    expect((await apiError(app.call('print.addPages', { jobId, pages: [{ texts: [[1, 2, 12, 9, 'x']], rules: [] }] }))).code).toBe('validation');
    expect((await apiError(app.call('print.addPages', { jobId, pages: Array.from({ length: 201 }, () => page) }))).code).toBe('validation');
    await app.call('print.cancel', { jobId });
    expect((await apiError(app.call('print.addPages', { jobId, pages: [page] }))).code).toBe('not_found');
    // Without Electron's opener or the web host's downloads (the CLI), a PDF to open has nowhere to go.
    const second = await app.call('print.start', { orientation: 'portrait', title: 'x' });
    await app.call('print.addPages', { jobId: second.jobId, pages: [page] });
    expect((await apiError(app.call('print.finish', { jobId: second.jobId, fileName: 'x', target: 'open' }))).code).toBe('file');
  });
});

describe("Electron's file opener", () => {
  it('writes the PDF privately in its own folder, opens it, and removes what it opened more than a day ago', async () => {
    const folder = join(tempDir(), 'ban-in');
    mkdirSync(folder);
    const old = join(folder, 'old.pdf');
    writeFileSync(old, 'old');
    utimesSync(old, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    const opened: string[] = [];
    const files = hostFiles(undefined, { folder, open: async (path) => void opened.push(path) });
    const result = await files.open({ fileName: 'danh-sach.pdf', data: Buffer.from('%PDF-1.3') });
    expect(result).toEqual({ fileName: 'danh-sach.pdf', downloadUrl: null });
    expect(opened).toHaveLength(1);
    expect(readdirSync(folder)).toEqual([opened[0]?.split(/[\\/]/).at(-1)]);
    expect(existsSync(old)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(opened[0] as string).mode & 0o777).toBe(0o600);
    // At the next start, whatever an earlier run opened goes too (a folder in there is left alone).
    mkdirSync(join(folder, 'a-folder'));
    removeOpenedFiles(folder, 0);
    expect(readdirSync(folder)).toEqual(['a-folder']);
  });
});
