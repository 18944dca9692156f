/** The print methods: the unit and signers on every document, and PDFs made from laid-out pages. */
import { pdfFileName } from '../../shared/print';
import { PdfJobs } from '../services/print/pdf-jobs';
import { printSettings, setPrintSettings } from '../services/print/settings';
import type { HostFiles } from './files';
import type { HandlerGroup } from './table';

export function printHandlers(files: HostFiles): HandlerGroup {
  const jobs = new PdfJobs();
  return {
    'print.settings': printSettings,
    'print.setSettings': setPrintSettings,
    'print.start': async (_ctx, input) => ({ jobId: await jobs.start(input.orientation, input.title) }),
    'print.addPages': async (_ctx, input) => ({ pages: jobs.add(input.jobId, input.pages) }),
    'print.finish': async (_ctx, input) => {
      const made = await jobs.finish(input.jobId);
      const file = { fileName: pdfFileName(input.fileName), data: made.data };
      const delivered = input.target === 'open' ? await files.open(file) : files.deliver(file, input.target);
      return { ...delivered, pages: made.pages };
    },
    'print.cancel': async (_ctx, input) => {
      jobs.cancel(input.jobId);
      return { ok: true };
    },
  };
}
