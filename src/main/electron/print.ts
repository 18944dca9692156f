/**
 * Printing the page the officer is looking at (the print view, `#/print/...`): to a printer through the
 * system print dialog, or to a PDF file chosen in a native save dialog. Each call has its own IPC
 * channel, is served only to our renderer's main frame and only when the sender is one of our windows
 * (through ipc-main.ts, `sender: 'window'`), and only ever prints that calling window's own webContents.
 * The print view is already cut into A4 sheets whose padding is the official margins, and its @page
 * rule sets A4, the orientation and a zero margin; A4 and zero margins are also set here explicitly, so
 * a printer driver's default margins cannot shrink or clip the sheets.
 */
import { app, dialog, type BrowserWindow, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PRINT_CHANNELS, suggestedFileName } from '../../shared/api';
import { log } from '../platform/log';
import { pdfFileName } from '../../shared/print';
import { handle } from './ipc-main';
import type { RendererSource } from './policy';

/** The system print dialog; resolves true when the job was sent to a printer, false when cancelled or failed. */
function printPage(contents: WebContents): Promise<boolean> {
  return new Promise((resolve) => {
    contents.print({ silent: false, printBackground: true, pageSize: 'A4', margins: { marginType: 'none' } }, (success, failureReason) => {
      if (!success && failureReason && !/cancel/i.test(failureReason)) log.warn('print.failed', { reason: failureReason });
      resolve(success);
    });
  });
}

async function savePdf(window: BrowserWindow, contents: WebContents, suggestedName: string): Promise<string | null> {
  const result = await dialog.showSaveDialog(window, {
    title: 'Lưu bản in thành tệp PDF',
    buttonLabel: 'Lưu PDF',
    defaultPath: join(app.getPath('documents'), pdfFileName(suggestedName)),
    filters: [{ name: 'Tệp PDF', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return null;
  const path = /\.pdf$/i.test(result.filePath) ? result.filePath : `${result.filePath}.pdf`;
  // preferCSSPageSize lets the print view's @page orientation win over the A4 portrait default.
  const pdf = await contents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true, margins: { top: 0, bottom: 0, left: 0, right: 0 } });
  await writeFile(path, pdf);
  log.info('print.pdf_saved', { bytes: pdf.length });
  return path;
}

export function registerPrinting(source: RendererSource): void {
  handle(PRINT_CHANNELS.printPage, { from: source, sender: 'window', args: z.tuple([]), refused: () => false }, ({ sender }) => printPage(sender));
  handle(PRINT_CHANNELS.savePdf, { from: source, sender: 'window', args: z.tuple([suggestedFileName]), refused: () => null }, async ({ window, sender }, suggestedName) => {
    try {
      return await savePdf(window, sender, suggestedName);
    } catch (error) {
      log.error('print.pdf_failed', error);
      throw new Error('Không lưu được tệp PDF. Hãy kiểm tra thư mục đã chọn còn chỗ trống và cho phép ghi.', { cause: error });
    }
  });
}
