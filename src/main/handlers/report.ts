/** The period report (issue 17): figures, the records behind them, and its files. */
import { documentFileName } from '../../shared/print';
import { periodLabel, periodLabelOf } from '../../shared/report-text';
import { reportFigures, reportRecords } from '../services/report';
import { monthlyFigures, periodSeries } from '../services/report/monthly';
import { reportWorkbook } from '../services/report/workbook';
import { printSettings } from '../services/print/settings';
import type { HostFiles } from './files';
import type { HandlerGroup } from './table';

export function reportHandlers(files: HostFiles): HandlerGroup {
  return {
    'report.figures': reportFigures,
    'report.records': reportRecords,
    'report.monthly': (ctx, input) => monthlyFigures(ctx, input),
    'report.series': periodSeries,
    'report.docx': async (ctx, input) => {
      // Loaded when asked for, as the PDF libraries are (services/print/pdf-jobs.ts).
      const { reportDocx } = await import('../services/report/docx');
      const data = await reportDocx(input.draft, await printSettings(ctx), new Date());
      return files.deliver({ fileName: documentFileName(`Báo cáo ${periodLabelOf(input.draft.subtitle)}`, 'docx'), data }, input.target);
    },
    'report.xlsx': async (ctx, input) => {
      const data = await reportWorkbook(await reportFigures(ctx, input.query));
      return files.deliver({ fileName: documentFileName(`Số liệu báo cáo ${periodLabel(input.query)}`, 'xlsx'), data }, input.target);
    },
  };
}
