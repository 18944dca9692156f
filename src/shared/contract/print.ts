/**
 * The print methods: who issues and signs documents, and making a PDF of laid-out pages. The pages come
 * in chunks (a 20.000-row roster is some thousand pages, more than one request may carry) and are
 * painted as they arrive, so the main process never holds the whole document.
 */
import { z } from 'zod';
import { fileTarget, id } from '../common';
import { PAPER_ORIENTATIONS, printSettingsInput, type PrintSettings } from '../print';
import { printedPage } from '../printed-pages';
import { method, none } from './method';

export const printStartInput = z.object({ orientation: z.enum(PAPER_ORIENTATIONS), title: z.string().max(300) });
/** At most 200 pages a call: a chunk of a long roster stays well under the web host's request size. */
export const printAddPagesInput = z.object({ jobId: id, pages: z.array(printedPage).min(1).max(200) });
/** 'open': made to be printed at once (Electron opens it in the system's PDF viewer; a browser downloads it). */
export const printFinishInput = z.object({ jobId: id, fileName: z.string().min(1).max(200), target: z.union([fileTarget, z.literal('open')]) });

export interface PdfMade {
  fileName: string;
  pages: number;
  /** The web host's one-time download link (target 'download'), else null. */
  downloadUrl: string | null;
}

export const printMethods = {
  'print.settings': method(none, 'read'),
  'print.setSettings': method(printSettingsInput, 'admin'),
  'print.start': method(printStartInput, 'read'),
  'print.addPages': method(printAddPagesInput, 'read'),
  'print.finish': method(printFinishInput, 'read'),
  'print.cancel': method(z.object({ jobId: id }), 'read'),
} as const;

export interface PrintResults {
  'print.settings': PrintSettings;
  'print.setSettings': PrintSettings;
  'print.start': { jobId: string };
  'print.addPages': { pages: number };
  'print.finish': PdfMade;
  'print.cancel': { ok: true };
}
