/**
 * `report`: the period report, counted from the records through the contract (report.figures) and
 * written as the app drafts it.
 *
 *   report --from DD/MM/YYYY --to DD/MM/YYYY [--ward W]… [--demo] [--format txt|json|pdf|docx] [--to FILE]
 *
 * `--to` is given once for the end date and once more for a file; a txt report without a file goes to
 * standard output; pdf and docx need a file. A ward is named as in the catalogue or as officers write it ("11", "P11", "Phường 11").
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readDate } from '../../shared/dates';
import type { PrintSettings } from '../../shared/print';
import type { PeriodSeries, ReportFigures } from '../../shared/report';
import { REPORT_TEXT_WIDTH } from '../../shared/print-layout/report';
import { draftText, reportDraft } from '../../shared/report-text';
import { entryKeys, valueKey } from '../import/catalogue-values';
import { withClient, type Client } from './client';
import { CliError, EXIT, UsageError } from './exit-codes';
import type { Command, Options, Output } from './options';

const FORMATS = ['txt', 'json', 'pdf', 'docx'] as const;
type ReportFormat = (typeof FORMATS)[number];

const isDate = (text: string) => {
  const reading = readDate(text);
  return reading.ok && reading.kind === 'date';
};

/** The end date and the file among the --to values: the one that reads as a date is the end. */
function splitTo(values: string[]): { to: string; file: string | undefined } {
  const dates = values.filter(isDate);
  const files = values.filter((value) => !isDate(value));
  if (dates.length !== 1) throw new UsageError('Lệnh report cần đúng một ngày cuối kỳ: --to DD/MM/YYYY.');
  if (files.length > 1) throw new UsageError('Lệnh report chỉ ghi một tệp: --to TỆP.');
  return { to: dates[0] as string, file: files[0] };
}

function parseFormat(text: string | undefined): ReportFormat {
  const format = text ?? 'txt';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`Dạng báo cáo không hợp lệ: "${format}". Chọn ${FORMATS.join(', ')}.`);
  return format as ReportFormat;
}

async function wardIds(client: Client, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const { wards } = await client.call('catalogues.get', {});
  return names.map((name) => {
    const key = valueKey('wards', name);
    const ward = wards.find((entry) => entryKeys('wards', entry.name).includes(key));
    if (!ward) throw new CliError(`Không có phường "${name}" trong danh mục.`, EXIT.usage);
    return ward.id;
  });
}

async function render(figures: ReportFigures, format: ReportFormat, settings: PrintSettings, series: PeriodSeries): Promise<string | Buffer> {
  const draft = reportDraft(figures);
  switch (format) {
    case 'txt':
      return `${draftText(draft)}\n`;
    case 'json':
      return `${JSON.stringify({ figures, text: draftText(draft) }, null, 2)}\n`;
    case 'pdf': {
      // Loaded when asked for: the chart and PDF libraries would slow every start of the command line.
      const [{ reportPdf }, { reportCharts }] = await Promise.all([import('../services/report/pdf'), import('../../shared/report-charts')]);
      return reportPdf(draft, settings, new Date(), reportCharts(figures, series, REPORT_TEXT_WIDTH));
    }
    case 'docx': {
      const { reportDocx } = await import('../services/report/docx');
      return reportDocx(draft, settings, new Date());
    }
  }
}

async function report(options: Options): Promise<Output> {
  if (!options.from) throw new UsageError('Lệnh report cần ngày đầu kỳ: --from DD/MM/YYYY.');
  const { to, file } = splitTo(options.toValues ?? []);
  const format = parseFormat(options.format);
  if (!file && (format === 'pdf' || format === 'docx')) throw new UsageError(`Báo cáo dạng ${format} cần tệp để ghi: --to TỆP.${format}`);
  const { figures, settings, series } = await withClient({ dataDir: options.dataDir, server: options.server, mode: options.demo ? 'demo' : 'real', missingExitCode: EXIT.unavailable }, async (client) => {
    const query = { from: options.from, to, wardIds: await wardIds(client, options.wards ?? []) };
    return { figures: await client.call('report.figures', query), settings: await client.call('print.settings', {}), series: await client.call('report.series', query) };
  });
  const content = await render(figures, format, settings, series);
  if (!file) return { lines: [String(content).trimEnd()], json: { figures, text: draftText(reportDraft(figures)) } };
  const path = resolve(file);
  writeFileSync(path, content);
  return { lines: [`Đã ghi báo cáo vào ${path}.`], json: { file: path, figures } };
}

export const REPORT_COMMANDS: Record<'report', Command> = {
  report: {
    args: '--from DD/MM/YYYY --to DD/MM/YYYY [--ward W] [--format txt|json|pdf|docx] [--to TỆP]',
    summary: 'Báo cáo sơ kết, tổng kết của một kỳ: số liệu đếm từ sổ và bản thảo báo cáo',
    options: ['from', 'to', 'ward', 'format', 'demo'],
    takesManyTo: true,
    run: report,
  },
};
