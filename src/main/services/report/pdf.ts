/** The report as a PDF in the main process (the CLI): laid out by the shared print engine, painted as the app's PDFs are. */
import type { ReportChart } from '../../../shared/report-charts';
import type { ReportDraft } from '../../../shared/report-text';
import { layoutReport } from '../../../shared/print-layout/report';
import type { PrintSettings } from '../../../shared/print';
import { measureTinos } from '../print/measure';
import { pdfOfPages } from '../print/pdf-jobs';

export function reportPdf(draft: ReportDraft, settings: PrintSettings, date: Date, charts: ReportChart[] = []): Promise<Buffer> {
  const pages = layoutReport({ settings, title: draft.title, subtitle: draft.subtitle, paragraphs: draft.paragraphs, date, charts }, measureTinos);
  return pdfOfPages(pages, 'portrait', `${draft.title} ${draft.subtitle}`);
}
