/**
 * PDFs painted from laid-out pages (shared/printed-pages.ts) with PDFKit and the Tinos TTFs the preview
 * measures with, so the PDF holds exactly the lines and page breaks the officer saw. A job receives its
 * pages in chunks and paints them as they come; the PDF (compressed, the fonts subset) stays in memory
 * until `finish`, a few megabytes for a thousand pages. Jobs nobody finishes are dropped after a while.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { ApiError } from '../../../shared/errors';
import { FONT_FACES, PAPER, PRINT_FONT_FILES, RULE_WIDTH, type PrintedPage } from '../../../shared/printed-pages';
import type { PaperOrientation } from '../../../shared/print';

const require = createRequire(import.meta.url);
const fontPaths = FONT_FACES.map((face) => require.resolve(PRINT_FONT_FILES[face]));

/** A job untouched this long is dropped (the page that started it was closed). */
const IDLE_MS = 10 * 60_000;
/** Jobs kept at once; the oldest goes first. */
const MAX_JOBS = 4;
/** A job's pages at most: 200.000 rows of a roster. */
const MAX_PAGES = 10_000;

/** PDFKit and svg-to-pdfkit, loaded at the first PDF: they would slow every start of the app and the command line. */
interface PdfLibraries {
  PDFDocument: typeof import('pdfkit');
  SVGtoPDF: (typeof import('svg-to-pdfkit'))['default'];
}
let libraries: Promise<PdfLibraries> | undefined;
const pdfLibraries = () =>
  (libraries ??= Promise.all([import('pdfkit'), import('svg-to-pdfkit')]).then(([pdfkit, svgToPdf]) => ({ PDFDocument: pdfkit.default, SVGtoPDF: svgToPdf.default })));

/** A PDF being written, with the library that paints a page's charts into it. */
interface Painter {
  doc: PDFKit.PDFDocument;
  SVGtoPDF: PdfLibraries['SVGtoPDF'];
}

interface Job extends Painter {
  orientation: PaperOrientation;
  chunks: Buffer[];
  ended: Promise<void>;
  pages: number;
  touched: number;
}

function paint({ doc, SVGtoPDF }: Painter, orientation: PaperOrientation, page: PrintedPage): void {
  const { width, height } = PAPER[orientation];
  doc.addPage({ size: [width, height], margin: 0 });
  if (page.rules.length > 0) {
    for (const [x1, y1, x2, y2] of page.rules) doc.moveTo(x1, y1).lineTo(x2, y2);
    doc.lineWidth(RULE_WIDTH).strokeColor('#000').stroke();
  }
  for (const [x, y, imageWidth, imageHeight, svg] of page.images ?? []) {
    // The chart's own text in the print font (Tinos has the Vietnamese letters; the PDF's standard fonts do not).
    SVGtoPDF(doc, svg, x, y, { width: imageWidth, height: imageHeight, assumePt: true, fontCallback: (_family: string, bold: boolean) => (bold ? 'bold' : 'regular') });
  }
  let face = -1;
  let size = 0;
  for (const [x, y, runSize, runFace, text] of page.texts) {
    if (runFace !== face) doc.font(FONT_FACES[runFace] as string);
    if (runSize !== size) doc.fontSize(runSize);
    face = runFace;
    size = runSize;
    doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic' });
  }
}

/** A whole document's pages as one PDF, at once (the CLI's report): the same painting as a job's. */
export async function pdfOfPages(pages: PrintedPage[], orientation: PaperOrientation, title: string): Promise<Buffer> {
  const painter = await newDocument(title);
  const { doc } = painter;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const page of pages) paint(painter, orientation, page);
  doc.end();
  return ended;
}

async function newDocument(title: string): Promise<Painter> {
  const { PDFDocument, SVGtoPDF } = await pdfLibraries();
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: title, Creator: 'Sổ theo dõi phong trào Toàn dân bảo vệ an ninh Tổ quốc' } });
  FONT_FACES.forEach((face, index) => doc.registerFont(face, fontPaths[index] as string));
  return { doc, SVGtoPDF };
}

export class PdfJobs {
  private readonly jobs = new Map<string, Job>();

  async start(orientation: PaperOrientation, title: string): Promise<string> {
    this.dropIdle();
    const painter = await newDocument(title);
    const { doc } = painter;
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
      doc.on('end', resolve);
      doc.on('error', reject);
    });
    ended.catch(() => undefined); // awaited by `finish`; a dropped job's failure concerns no one
    const jobId = randomUUID();
    this.jobs.set(jobId, { ...painter, orientation, chunks, ended, pages: 0, touched: Date.now() });
    return jobId;
  }

  /** Paints the pages onto the job's PDF; the number painted so far. */
  add(jobId: string, pages: PrintedPage[]): number {
    const job = this.job(jobId);
    if (job.pages + pages.length > MAX_PAGES) throw new ApiError('validation', `Bản in dài quá ${MAX_PAGES.toLocaleString('vi-VN')} trang: hãy lọc danh sách để in từng phần.`);
    for (const page of pages) paint(job, job.orientation, page);
    job.pages += pages.length;
    job.touched = Date.now();
    return job.pages;
  }

  async finish(jobId: string): Promise<{ data: Buffer; pages: number }> {
    const job = this.job(jobId);
    this.jobs.delete(jobId);
    if (job.pages === 0) throw new ApiError('validation', 'Bản in không có trang nào.');
    job.doc.end();
    await job.ended;
    return { data: Buffer.concat(job.chunks), pages: job.pages };
  }

  /** Forgets a job: its unfinished PDF is left to the garbage collector. */
  cancel(jobId: string): void {
    this.jobs.delete(jobId);
  }

  private job(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not_found', 'Bản in này đã hết hạn hoặc đã xong. Hãy bấm in lại.');
    return job;
  }

  private dropIdle(): void {
    const now = Date.now();
    for (const [jobId, job] of this.jobs) if (now - job.touched > IDLE_MS) this.cancel(jobId);
    while (this.jobs.size >= MAX_JOBS) this.cancel(this.jobs.keys().next().value as string);
  }
}
