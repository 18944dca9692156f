import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fragmentHeight, paginate, type FlowItem, type Fragment, type Pages, type RowLines } from '../../src/renderer/src/print/paginate';

const PAGE = 600;
const heading: FlowItem = { kind: 'atomic', height: 150 };
const signatures: FlowItem = { kind: 'atomic', height: 120, keepWithPrevious: true };
const table = (rows: number, height = 25): FlowItem => ({ kind: 'table', headHeight: 40, rowHeights: Array.from({ length: rows }, () => height) });

const pageHeight = (page: Pages[number], items: FlowItem[]) => page.reduce((sum, fragment) => sum + fragmentHeight(fragment, items), 0);

/** A row of `count` lines of 20 px with 6 px of padding and borders, and where it may be cut. */
function linedRow(count: number): { height: number; lines: RowLines } {
  const tops = Array.from({ length: count }, (_value, index) => index * 20);
  return { height: count * 20 + 6, lines: { tops, content: count * 20, chrome: 6 } };
}

/** The parts of row `row` of item `item` in page order, as [start, end) of its content. */
function partsOf(pages: Pages, item: number, row: number, content: number): [number, number][] {
  return pages.flat().flatMap((fragment) => {
    if (fragment.item !== item || row < fragment.from || row >= fragment.to) return [];
    return [[row === fragment.from ? (fragment.start ?? 0) : 0, row === fragment.to - 1 ? (fragment.end ?? content) : content] as [number, number]];
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_value, index) => from + index);

/** Every row of every table exactly once and in order, every other item once, items in document order. */
function expectComplete(pages: Pages, items: FlowItem[]) {
  const fragments = pages.flat();
  expect(fragments.map(({ item }) => item)).toEqual(fragments.map(({ item }) => item).sort((a, b) => a - b));
  items.forEach((item, index) => {
    const own = fragments.filter((fragment) => fragment.item === index);
    if (item.kind === 'atomic') expect(own).toEqual([{ item: index, from: 0, to: 1 }]);
    else {
      // A cut row appears in each fragment that holds a part of it; its parts join up, ending the row.
      const rows = own.flatMap(({ from, to }) => range(from, to));
      expect(rows.filter((row, at) => row !== rows[at - 1])).toEqual(range(0, item.rowHeights.length));
      for (const [row, lines] of Object.entries(item.rowLines ?? {})) {
        const parts = partsOf(pages, index, Number(row), lines.content);
        expect(parts[0]?.[0]).toBe(0);
        parts.slice(1).forEach(([start], at) => expect(start).toBe(parts[at]?.[1]));
        expect(parts.at(-1)?.[1]).toBe(lines.content);
      }
      expect(rows.filter((row, at) => row === rows[at - 1]).every((row) => item.rowLines?.[row])).toBe(true);
    }
  });
}

describe('paginate', () => {
  it('fills pages with rows, the table header counted on every page, nothing past the bottom', () => {
    const items = [heading, table(100), signatures];
    const pages = paginate(items, PAGE);
    expectComplete(pages, items);
    for (const page of pages) expect(pageHeight(page, items)).toBeLessThanOrEqual(PAGE);
    // First page: heading 150 + header 40 + 16 rows of 25 = 590; later pages: header 40 + 22 rows = 590.
    expect(pages[0]?.[1]).toEqual({ item: 1, from: 0, to: 16 });
    expect(pages[1]?.[0]).toEqual({ item: 1, from: 16, to: 38 });
  });

  it('moves a section title to the next page rather than leave it alone at the bottom', () => {
    const section: FlowItem = { kind: 'atomic', height: 30, keepWithNext: true };
    const items = [heading, table(15), section, table(5)];
    const pages = paginate(items, PAGE);
    // 150 + 40 + 15 × 25 = 565: the title (30) would fit, but not with the next table's header and first row.
    expect(pages[0]?.map((fragment) => fragment.item)).toEqual([0, 1]);
    expect(pages[1]?.[0]?.item).toBe(2);
    expectComplete(pages, items);
  });

  it('takes the last row along when the signatures do not fit, so they never stand alone', () => {
    const items = [heading, table(16), signatures];
    const pages = paginate(items, PAGE);
    expect(pages).toHaveLength(2);
    expect(pages[0]?.[1]).toEqual({ item: 1, from: 0, to: 15 });
    expect(pages[1]).toEqual([
      { item: 1, from: 15, to: 16 },
      { item: 2, from: 0, to: 1 },
    ]);
  });

  it('puts a row taller than a page on a page of its own instead of looping', () => {
    const items = [heading, { kind: 'table', headHeight: 40, rowHeights: [25, 900, 25] } satisfies FlowItem];
    const pages = paginate(items, PAGE);
    expectComplete(pages, items);
    expect(pages.map((page) => page.map(({ from, to }) => [from, to]))).toEqual([[[0, 1], [0, 1]], [[1, 2]], [[2, 3]]]);
  });

  it('keeps a section title with a row taller than a page instead of leaving the title alone', () => {
    const section: FlowItem = { kind: 'atomic', height: 30, keepWithNext: true };
    const items = [heading, table(3), section, { kind: 'table', headHeight: 40, rowHeights: [900, 25] } satisfies FlowItem, signatures];
    const pages = paginate(items, PAGE);
    expectComplete(pages, items);
    expect(pages.map((page) => page.map(({ item, from, to }) => [item, from, to]))).toEqual([
      [[0, 0, 1], [1, 0, 3]],
      [[2, 0, 1], [3, 0, 1]],
      [[3, 1, 2], [4, 0, 1]],
    ]);
  });

  it('cuts a row too tall for any page between its lines, each line once, the first part on the page it starts', () => {
    const tall = linedRow(70); // 1.406 px: more than two pages
    const items = [heading, { kind: 'table', headHeight: 40, rowHeights: [25, tall.height, 25], rowLines: { 1: tall.lines } } satisfies FlowItem, signatures];
    const pages = paginate(items, PAGE);
    for (const page of pages) expect(pageHeight(page, items)).toBeLessThanOrEqual(PAGE);
    const parts = partsOf(pages, 1, 1, tall.lines.content);
    expect(parts.length).toBeGreaterThan(2);
    // The parts join up: each starts where the one before ended, at a line's top, and the last ends the row.
    expect(parts[0]?.[0]).toBe(0);
    parts.slice(1).forEach(([start], index) => expect(start).toBe(parts[index]?.[1]));
    for (const [start] of parts) expect(tall.lines.tops).toContain(start);
    expect(parts.at(-1)?.[1]).toBe(tall.lines.content);
    // Page 1: heading 150, header 40, row 0 (25), then as many lines of row 1 as fit: (598 - 215 - 6) / 20 = 18.
    expect(pages[0]?.[1]).toEqual({ item: 1, from: 0, to: 2, end: 360 });
    // The rest of the row and the row after it share the last page; the signatures follow.
    expect(pages.at(-1)?.map((fragment) => fragment.item)).toEqual([1, 2]);
  });

  it('cuts a row that fits a page only without its section title, rather than leave the title alone or overfill the page', () => {
    const section: FlowItem = { kind: 'atomic', height: 30, keepWithNext: true };
    const row = linedRow(28); // 566 px: a page holds it, but not below the title and the header
    const items = [section, { kind: 'table', headHeight: 20, rowHeights: [row.height], rowLines: { 0: row.lines } } satisfies FlowItem];
    const pages = paginate(items, PAGE);
    expectComplete(pages, items);
    expect(pages[0]?.map((fragment) => fragment.item)).toEqual([0, 1]);
    for (const page of pages) expect(pageHeight(page, items)).toBeLessThanOrEqual(PAGE);
    // Without a title before it, the same row is never cut: it moves to a page of its own.
    const alone = [heading, table(3), { kind: 'table', headHeight: 20, rowHeights: [row.height], rowLines: { 0: row.lines } } satisfies FlowItem];
    expect(paginate(alone, PAGE).map((page) => page.map(({ item, from, to, start, end }) => ({ item, from, to, start, end })))).toEqual([
      [{ item: 0, from: 0, to: 1 }, { item: 1, from: 0, to: 3 }],
      [{ item: 2, from: 0, to: 1 }],
    ].map((page) => page.map((fragment) => ({ start: undefined, end: undefined, ...fragment }))));
  });

  it('takes the last line of a cut row along when the signatures do not fit after it', () => {
    const tall = linedRow(40);
    const items = [heading, { kind: 'table', headHeight: 40, rowHeights: [25, tall.height], rowLines: { 1: tall.lines } } satisfies FlowItem, signatures];
    const pages = paginate(items, PAGE);
    expectComplete(pages, items);
    const last = pages.at(-1) ?? [];
    expect(last.map((fragment) => fragment.item)).toEqual([1, 2]);
    expect(last[0]).toMatchObject({ from: 1, to: 2, start: tall.lines.tops.at(-1) });
    for (const page of pages) expect(pageHeight(page, items)).toBeLessThanOrEqual(PAGE);
  });

  it('moves a section title with a long row that a page holds but the rest of this one does not', () => {
    const section: FlowItem = { kind: 'atomic', height: 30, keepWithNext: true };
    const row = linedRow(20); // 406 px
    const items = [heading, section, { kind: 'table', headHeight: 20, rowHeights: [row.height], rowLines: { 0: row.lines } } satisfies FlowItem];
    const pages = paginate(items, PAGE);
    expect(pages.map((page) => page.map((fragment) => fragment.item))).toEqual([[0], [1, 2]]);
    expect(pages[1]?.[1]).toEqual({ item: 2, from: 0, to: 1 }); // whole: a page holds it
  });

  it('takes the last line of a long row along rather than leave the signatures alone on a page', () => {
    const row = linedRow(25); // 506 px: with the header it fills a page
    const items = [heading, { kind: 'table', headHeight: 40, rowHeights: [row.height], rowLines: { 0: row.lines } } satisfies FlowItem, signatures];
    const pages = paginate(items, PAGE);
    expectComplete(pages, items);
    expect(pages.at(-1)).toEqual([
      { item: 1, from: 0, to: 1, start: 480 },
      { item: 2, from: 0, to: 1 },
    ]);
    for (const page of pages) expect(pageHeight(page, items)).toBeLessThanOrEqual(PAGE);
  });

  it('takes a one-row table and its title along rather than leave the signatures alone on a page', () => {
    const section: FlowItem = { kind: 'atomic', height: 30, keepWithNext: true };
    // 150 + (40 + 10 × 25) + 30 + (40 + 60) = 570: the title and its table fit, the signatures (120) do not.
    const items = [heading, table(10), section, table(1, 60), signatures];
    const pages = paginate(items, PAGE);
    expectComplete(pages, items);
    expect(pages.map((page) => page.map((fragment) => fragment.item))).toEqual([[0, 1], [2, 3, 4]]);
  });

  it('keeps every row once and in order, and every page within its height, for any document', () => {
    const item = fc.oneof(
      fc.record({ kind: fc.constant('atomic' as const), height: fc.integer({ min: 10, max: 300 }), keepWithNext: fc.boolean() }),
      fc.record({ kind: fc.constant('table' as const), headHeight: fc.integer({ min: 20, max: 60 }), rowHeights: fc.array(fc.integer({ min: 15, max: 120 }), { maxLength: 80 }) }),
      // A table with a row over half a page, maybe too tall for any page (it may be cut between its lines).
      fc.record({ head: fc.integer({ min: 20, max: 60 }), before: fc.integer({ min: 0, max: 10 }), lines: fc.integer({ min: 15, max: 120 }) }).map(({ head, before, lines }): FlowItem => {
        const tall = linedRow(lines);
        return { kind: 'table', headHeight: head, rowHeights: [...Array.from({ length: before }, () => 30), tall.height, 30], rowLines: { [before]: tall.lines } };
      }),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), (body) => {
        const items: FlowItem[] = [heading, ...body, signatures];
        const pages = paginate(items, PAGE);
        expectComplete(pages, items);
        for (const page of pages) {
          expect(page.length).toBeGreaterThan(0);
          expect(pageHeight(page, items)).toBeLessThanOrEqual(PAGE);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never leaves a section title at the foot of a page, nor the signatures alone, nor a page over-full, for any list of titled tables', () => {
    // As `measure` does: rows of whole lines, those over half a page or a third of what the signatures
    // and the header leave of one, with their lines, so they can be cut.
    const titledTables = fc.record({
      signatures: fc.integer({ min: 60, max: 330 }),
      tables: fc.array(
        fc.record({
          titles: fc.array(fc.integer({ min: 20, max: 60 }), { minLength: 1, maxLength: 2 }),
          head: fc.integer({ min: 20, max: 60 }),
          rows: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 90 })), { minLength: 1, maxLength: 12 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(titledTables, ({ signatures: signaturesHeight, tables }) => {
        const body = tables.flatMap(({ titles, head, rows }): FlowItem[] => {
          const long = Math.min(PAGE / 2, (PAGE - signaturesHeight - head) / 3);
          const lined = rows.map(linedRow);
          const rowLines = Object.fromEntries(lined.flatMap((row, index) => (row.height > long ? [[index, row.lines] as const] : [])));
          return [...titles.map((height): FlowItem => ({ kind: 'atomic', height, keepWithNext: true })), { kind: 'table', headHeight: head, rowHeights: lined.map((row) => row.height), rowLines }];
        });
        const items: FlowItem[] = [heading, ...body, { kind: 'atomic', height: signaturesHeight, keepWithPrevious: true }];
        const pages = paginate(items, PAGE);
        expectComplete(pages, items);
        for (const page of pages) {
          const last = items[(page[page.length - 1] as Fragment).item] as FlowItem;
          expect(last.kind === 'atomic' && last.keepWithNext, 'a title at the foot of a page').toBeFalsy();
          expect(pageHeight(page, items), 'a page over-full').toBeLessThanOrEqual(PAGE);
        }
        expect(pages.at(-1)?.length, 'the signatures alone on the last page').toBeGreaterThan(1);
      }),
      { numRuns: 2000 },
    );
  });
});
