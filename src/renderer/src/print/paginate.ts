/**
 * Splits a measured document into A4 pages. Written by hand because the browser's own fragmentation
 * gives no preview of the pages and fails on long rosters (Chromium ran out of memory on one
 * 20.000-row table), and the CSS paged-media polyfills (paged.js) re-flow the whole DOM per page,
 * which takes minutes for a thousand pages. Rows are measured once in the real font and column
 * widths, so the arithmetic here is exact up to sub-pixel rounding (`SLACK`).
 */

/** A block that cannot be split: the heading, a section title, a facts table, the signatures. */
export interface AtomicItem {
  kind: 'atomic';
  height: number;
  /** A section title stays on the page of what follows it. */
  keepWithNext?: boolean;
  /** The signatures never stand alone on a page: they take the last row of the table before them along. */
  keepWithPrevious?: boolean;
}

/** A table: its header row is repeated on every page it spans; rows are never split. */
export interface TableItem {
  kind: 'table';
  headHeight: number;
  rowHeights: number[];
}

export type FlowItem = AtomicItem | TableItem;

/** What of item `item` a page shows: an atomic item whole, or rows [from, to) of a table. */
export interface Fragment {
  item: number;
  from: number;
  to: number;
}

export type Pages = Fragment[][];

/** Rounding of measured sub-pixel heights, per page, in CSS pixels. */
const SLACK = 2;

/** The first unit of an item that must share a page with a title kept with it. */
function leadHeight(item: FlowItem | undefined): number {
  if (!item) return 0;
  return item.kind === 'atomic' ? item.height : item.headHeight + (item.rowHeights[0] ?? 0);
}

export function paginate(items: FlowItem[], pageHeight: number): Pages {
  const usable = pageHeight - SLACK;
  const pages: Pages = [[]];
  let used = 0;
  const current = () => pages[pages.length - 1] as Fragment[];
  const newPage = () => {
    pages.push([]);
    used = 0;
  };
  // A unit taller than a page fits no page: it stays with the section titles waiting for it rather than
  // leave them alone on a page (its sheet then grows).
  const onlyTitles = () =>
    current().every((fragment) => {
      const item = items[fragment.item];
      return item?.kind === 'atomic' && item.keepWithNext;
    });
  const mustMove = (height: number) => used + height > usable && current().length > 0 && !(height > usable && onlyTitles());

  items.forEach((item, index) => {
    if (item.kind === 'atomic') {
      const needed = item.height + (item.keepWithNext ? leadHeight(items[index + 1]) : 0);
      if (mustMove(needed)) {
        if (item.keepWithPrevious) {
          carryLastRow(pages, items);
          used = pageUsed(current(), items);
        } else newPage();
      }
      current().push({ item: index, from: 0, to: 1 });
      used += item.height;
      return;
    }
    let from = 0;
    while (from < item.rowHeights.length) {
      if (mustMove(item.headHeight + (item.rowHeights[from] ?? 0))) newPage();
      let height = item.headHeight;
      let to = from;
      // At least one row per page, even one taller than the page, so pagination always moves on.
      while (to < item.rowHeights.length && (to === from || used + height + (item.rowHeights[to] ?? 0) <= usable)) {
        height += item.rowHeights[to] ?? 0;
        to += 1;
      }
      current().push({ item: index, from, to });
      used += height;
      from = to;
    }
    if (item.rowHeights.length === 0) {
      if (mustMove(item.headHeight)) newPage();
      current().push({ item: index, from: 0, to: 0 });
      used += item.headHeight;
    }
  });
  return pages;
}

/** Starts a new page holding the last row of the previous page's last table fragment (when it has more than one). */
function carryLastRow(pages: Pages, items: FlowItem[]): void {
  const page = pages[pages.length - 1] as Fragment[];
  const last = page[page.length - 1];
  const carried: Fragment[] = [];
  if (last && items[last.item]?.kind === 'table' && last.to - last.from > 1) {
    last.to -= 1;
    carried.push({ item: last.item, from: last.to, to: last.to + 1 });
  }
  pages.push(carried);
}

/** The height a page's fragments take; more than the page's height only where one unit alone is taller. */
export function pageUsed(page: Fragment[], items: FlowItem[]): number {
  return page.reduce((sum, fragment) => {
    const item = items[fragment.item];
    if (!item) return sum;
    if (item.kind === 'atomic') return sum + item.height;
    return sum + item.headHeight + item.rowHeights.slice(fragment.from, fragment.to).reduce((a, b) => a + b, 0);
  }, 0);
}
