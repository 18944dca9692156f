import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paginate, type FlowItem, type Pages } from '../../src/renderer/src/print/paginate';

const PAGE = 600;
const heading: FlowItem = { kind: 'atomic', height: 150 };
const signatures: FlowItem = { kind: 'atomic', height: 120, keepWithPrevious: true };
const table = (rows: number, height = 25): FlowItem => ({ kind: 'table', headHeight: 40, rowHeights: Array.from({ length: rows }, () => height) });

function pageHeight(page: Pages[number], items: FlowItem[]): number {
  return page.reduce((sum, { item, from, to }) => {
    const flow = items[item] as FlowItem;
    return sum + (flow.kind === 'atomic' ? flow.height : flow.headHeight + flow.rowHeights.slice(from, to).reduce((a, b) => a + b, 0));
  }, 0);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_value, index) => from + index);

/** Every row of every table exactly once and in order, every other item once, items in document order. */
function expectComplete(pages: Pages, items: FlowItem[]) {
  const fragments = pages.flat();
  expect(fragments.map(({ item }) => item)).toEqual(fragments.map(({ item }) => item).sort((a, b) => a - b));
  items.forEach((item, index) => {
    const own = fragments.filter((fragment) => fragment.item === index);
    if (item.kind === 'atomic') expect(own).toEqual([{ item: index, from: 0, to: 1 }]);
    else expect(own.flatMap(({ from, to }) => range(from, to))).toEqual(range(0, item.rowHeights.length));
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

  it('keeps every row once and in order, and every page within its height, for any document', () => {
    const item = fc.oneof(
      fc.record({ kind: fc.constant('atomic' as const), height: fc.integer({ min: 10, max: 300 }), keepWithNext: fc.boolean() }),
      fc.record({ kind: fc.constant('table' as const), headHeight: fc.integer({ min: 20, max: 60 }), rowHeights: fc.array(fc.integer({ min: 15, max: 120 }), { maxLength: 80 }) }),
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
});
