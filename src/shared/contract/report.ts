/** The period report (issue 17): its figures, the records behind each, and its files (.docx, the figures as .xlsx). */
import { z } from 'zod';
import { fileTarget } from '../common';
import { monthlyQuery, reportDraftInput, reportQuery, reportRecordsQuery, type PeriodSeries, type SeriesPoint, type ReportFigures, type ReportRecords } from '../report';
import { method } from './method';

export const reportMethods = {
  'report.figures': method(reportQuery, 'read'),
  'report.records': method(reportRecordsQuery, 'read'),
  'report.monthly': method(monthlyQuery, 'read'),
  'report.series': method(reportQuery, 'read'),
  'report.docx': method(z.object({ draft: reportDraftInput, target: fileTarget }), 'read'),
  'report.xlsx': method(z.object({ query: reportQuery, target: fileTarget }), 'read'),
} as const;

export interface ReportFile {
  fileName: string;
  /** The web host's one-time download link (target 'download'), else null. */
  downloadUrl: string | null;
}

export interface ReportResults {
  'report.figures': ReportFigures;
  'report.records': ReportRecords;
  'report.monthly': SeriesPoint[];
  'report.series': PeriodSeries;
  'report.docx': ReportFile;
  'report.xlsx': ReportFile;
}
