/** The period report (issue 17): its figures, and the records behind each. */
import { reportQuery, reportRecordsQuery, type ReportFigures, type ReportRecords } from '../report';
import { method } from './method';

export const reportMethods = {
  'report.figures': method(reportQuery, 'read'),
  'report.records': method(reportRecordsQuery, 'read'),
} as const;

export interface ReportResults {
  'report.figures': ReportFigures;
  'report.records': ReportRecords;
}
