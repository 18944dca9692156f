/**
 * Rosters laid out as printed pages (issue 14): every row once and in order, every line inside its
 * page and column, and the density officers asked for on the demo data.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src/main/demo';
import { DEFAULT_PRINT_SETTINGS } from '../../src/shared/print';
import { FONT_FACES, MARGINS, PAPER, type PrintedPage } from '../../src/shared/printed-pages';
import { vi as viTexts } from '../../src/shared/i18n/vi';
import { shownColumns } from '../../src/renderer/src/print/ColumnPicker';
import { layoutRoster, type PageSetup } from '../../src/renderer/src/print/layout/roster';
import { wrapText } from '../../src/shared/print-layout/text';
import { PRINTABLE_LISTS } from '../../src/renderer/src/print/lists';
import { measureTinos } from './print-fonts';
import { openTestApp } from './helpers';

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ resources: { vi: { translation: viTexts } }, lng: 'vi' });
});

/** A printed list's cells with its default columns, as the print view makes them. */
function defaultCells(list: 'models' | 'subjects', rows: unknown[]) {
  const printable = PRINTABLE_LISTS[list];
  if (!printable) throw new Error(list);
  const columns = printable.columns(t.t);
  const hidden = new Set(printable.hiddenByDefault ?? []);
  const shown = shownColumns(columns, columns.map((column) => ({ key: column.key, visible: !hidden.has(column.key) })));
  return { columns: shown, rows: rows.map((row, index) => shown.map((column) => column.text(row as never, index))) };
}

/** The row numbers (STT) each page shows: the numbers centred under the header "STT" of the first column. */
function sttPerPage(pages: PrintedPage[]): number[][] {
  const centre = ([x, , size, face, text]: PrintedPage['texts'][number]) => x + measureTinos(text, FONT_FACES[face] ?? 'regular', size) / 2;
  return pages.map((page) => {
    const header = page.texts.find((run) => run[4] === 'STT');
    if (!header) return [];
    return page.texts.filter((run) => /^\d+$/.test(run[4]) && run[1] > header[1] && Math.abs(centre(run) - centre(header)) < 1).map((run) => Number(run[4]));
  });
}

describe('wrapText', () => {
  it('keeps words whole where they fit, breaks only a word longer than the line, and keeps every letter', () => {
    const text = 'Đội công tác xã hội tình nguyện số 1 khu phố 7, Phường Bình Phú';
    const lines = wrapText(text, 120, 'regular', 12, measureTinos);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(measureTinos(line, 'regular', 12)).toBeLessThanOrEqual(120.01);
    expect(lines.join(' ')).toBe(text);
    const long = wrapText('nguyenvanbinh.congan.phuong@example.com', 60, 'regular', 12, measureTinos);
    expect(long.length).toBeGreaterThan(2);
    expect(long.join('')).toBe('nguyenvanbinh.congan.phuong@example.com');
    expect(wrapText('', 100, 'regular', 12, measureTinos)).toEqual(['']);
  });
});

describe('layoutRoster on the demo data', () => {
  const setups: PageSetup[] = [
    { orientation: 'landscape', fontSize: 12 },
    { orientation: 'portrait', fontSize: 11 },
    { orientation: 'landscape', fontSize: 13 },
  ];

  it('prints every row once and in order, inside the page, at the density asked for', async () => {
    const app = await openTestApp();
    await generateDemoData(app.workspace.context(), { scale: 5, seed: 14 });
    const models = await app.call('models.list', { offset: 0, limit: 1000 });
    const subjects = await app.call('subjects.list', { offset: 0, limit: 1000 });
    expect(models.rows.length).toBeGreaterThan(300);
    expect(subjects.rows.length).toBeGreaterThan(100);
    for (const [list, rows, least] of [['models', models.rows, 18], ['subjects', subjects.rows, 20]] as const) {
      const { columns, rows: cells } = defaultCells(list, rows);
      for (const setup of setups) {
        const document = { settings: DEFAULT_PRINT_SETTINGS, title: 'Danh sách', date: new Date(2026, 11, 5), columns, rows: cells };
        const pages = layoutRoster(document, setup, measureTinos);
        const stt = sttPerPage(pages);
        expect(stt.flat(), `${list} ${setup.orientation} ${setup.fontSize} pt: every row once, in order`).toEqual(cells.map((_row, index) => index + 1));
        const paper = PAPER[setup.orientation];
        for (const page of pages) {
          for (const [x, y, size, face, text] of page.texts) {
            expect(x, text).toBeGreaterThanOrEqual(MARGINS.left - 0.01);
            expect(x + measureTinos(text, FONT_FACES[face] ?? 'regular', size), text).toBeLessThanOrEqual(paper.width - MARGINS.right + 0.01);
            expect(y, text).toBeLessThanOrEqual(paper.height - MARGINS.bottom);
          }
          // Inside the table, each line sits between two of the column rules, clear of both.
          const verticals = page.rules.filter(([x1, , x2]) => x1 === x2);
          const edges = [...new Set(verticals.map(([x]) => x))].sort((a, b) => a - b);
          const [top, bottom] = [Math.min(...verticals.map((rule) => rule[1])), Math.max(...verticals.map((rule) => rule[3]))];
          for (const [x, , size, face, text] of page.texts.filter((run) => run[1] > top && run[1] < bottom)) {
            const right = x + measureTinos(text, FONT_FACES[face] ?? 'regular', size);
            expect(edges.some((edge, index) => edge < x && right < (edges[index + 1] ?? -Infinity)), `"${text}" within its column`).toBe(true);
          }
        }
        // Rows per page as an officer counts them on paper: the pages between the first (heading) and the last (signatures).
        const middle = stt.slice(1, -1).map((numbers) => numbers.length);
        const mean = middle.reduce((sum, count) => sum + count, 0) / middle.length;
        if (setup.fontSize === 12 && setup.orientation === 'landscape') expect(mean, `${list}: rows a landscape page at 12 pt`).toBeGreaterThanOrEqual(least);
      }
    }
  }, 120_000);
});
