/**
 * `report`: the period report, counted from the records through the contract (report.figures) and
 * written as the app drafts it.
 *
 *   report --from DD/MM/YYYY --to DD/MM/YYYY [--ward W]… [--demo] [--format txt|json] [--to FILE]
 *
 * `--to` is given once for the end date and once more for a file; a txt report without a file goes to
 * standard output. A ward is named as in the catalogue or as officers write it ("11", "P11", "Phường 11").
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readDate } from '../../shared/dates';
import type { ReportFigures } from '../../shared/report';
import { draftText, reportDraft } from '../../shared/report-text';
import { entryKeys, valueKey } from '../import/catalogue-values';
import { withClient, type Client } from './client';
import { CliError, EXIT, UsageError } from './exit-codes';
import type { Command, Options, Output } from './options';

const FORMATS = ['txt', 'json'] as const;
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

function render(figures: ReportFigures, format: ReportFormat): string {
  const text = draftText(reportDraft(figures));
  return format === 'json' ? `${JSON.stringify({ figures, text }, null, 2)}\n` : `${text}\n`;
}

async function report(options: Options): Promise<Output> {
  if (!options.from) throw new UsageError('Lệnh report cần ngày đầu kỳ: --from DD/MM/YYYY.');
  const { to, file } = splitTo(options.toValues ?? []);
  const format = parseFormat(options.format);
  const figures = await withClient({ dataDir: options.dataDir, mode: options.demo ? 'demo' : 'real', missingExitCode: EXIT.unavailable }, async (client) =>
    client.call('report.figures', { from: options.from, to, wardIds: await wardIds(client, options.wards ?? []) }),
  );
  const content = render(figures, format);
  if (!file) return { lines: [content.trimEnd()], json: { figures, text: draftText(reportDraft(figures)) } };
  const path = resolve(file);
  writeFileSync(path, content);
  return { lines: [`Đã ghi báo cáo vào ${path}.`], json: { file: path, figures } };
}

export const REPORT_COMMANDS: Record<'report', Command> = {
  report: {
    args: '--from DD/MM/YYYY --to DD/MM/YYYY [--ward W] [--format txt|json] [--to TỆP]',
    summary: 'Báo cáo sơ kết, tổng kết của một kỳ: số liệu đếm từ sổ và bản thảo báo cáo',
    options: ['from', 'to', 'ward', 'format', 'demo'],
    takesManyTo: true,
    run: report,
  },
};
