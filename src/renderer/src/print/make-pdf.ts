/**
 * Makes a PDF of laid-out pages in the main process (print.start → print.addPages … → print.finish):
 * the pages go in chunks small enough for one request, and the caller hears how far it has got.
 */
import type { PdfMade } from '../../../shared/contract/print';
import type { PaperOrientation } from '../../../shared/print';
import type { PrintedPage } from '../../../shared/printed-pages';
import { call } from '../api/client';

/**
 * At most about this many bytes of pages a request (the web host takes 5 MB), and this many pages: the
 * main process paints a chunk in one go, so a small one keeps it answering other calls meanwhile.
 */
const CHUNK_BYTES = 1_500_000;
const CHUNK_PAGES = 50;

/** A generous size of a page on the wire (a Vietnamese letter is up to 3 bytes), without serialising it. */
const pageChars = (page: PrintedPage) => page.rules.length * 40 + page.texts.reduce((sum, run) => sum + run[4].length * 3 + 40, 0);

export async function makePdf(
  pages: PrintedPage[],
  document: { orientation: PaperOrientation; title: string; fileName: string },
  target: 'open' | 'download' | { path: string },
  onProgress: (fraction: number) => void,
): Promise<PdfMade> {
  const { jobId } = await call('print.start', { orientation: document.orientation, title: document.title });
  try {
    let from = 0;
    while (from < pages.length) {
      let to = from;
      let chars = 0;
      while (to < pages.length && to - from < CHUNK_PAGES && (to === from || chars + pageChars(pages[to] as PrintedPage) <= CHUNK_BYTES)) {
        chars += pageChars(pages[to] as PrintedPage);
        to += 1;
      }
      await call('print.addPages', { jobId, pages: pages.slice(from, to) });
      from = to;
      onProgress(from / pages.length);
    }
    return await call('print.finish', { jobId, fileName: document.fileName, target });
  } catch (error) {
    void call('print.cancel', { jobId }).catch(() => undefined);
    throw error;
  }
}
