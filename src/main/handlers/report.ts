/** The period report (issue 17). */
import { reportFigures, reportRecords } from '../services/report';
import type { HandlerGroup } from './table';

export function reportHandlers(): HandlerGroup {
  return {
    'report.figures': reportFigures,
    'report.records': reportRecords,
  };
}
