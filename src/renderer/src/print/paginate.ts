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

/** A table: its header row is repeated on every page it spans; a row is split only when no page holds it. */
export interface TableItem {
  kind: 'table';
  headHeight: number;
  rowHeights: number[];
  /** Rows taller than a page, by index: where they may be cut (between two lines). */
  rowLines?: Record<number, RowLines>;
}

/** The lines of a row too tall for a page, measured from the top of its content. */
export interface RowLines {
  /** Where each line begins (the first at 0): a cut at one of these never splits a line. */
  tops: number[];
  /** The height of the content (the tallest cell's lines). */
  content: number;
  /** Padding and borders: what each part of a cut row takes besides its lines. */
  chrome: number;
}

export type FlowItem = AtomicItem | TableItem;

/**
 * What of item `item` a page shows: an atomic item whole, or rows [from, to) of a table; of a cut row,
 * its content from `start` (the first row) or up to `end` (the last row).
 */
export interface Fragment {
  item: number;
  from: number;
  to: number;
  start?: number;
  end?: number;
}

export type Pages = Fragment[][];

/** Rounding of measured sub-pixel heights, per page, in CSS pixels. */
const SLACK = 2;

/** What must share a page with the title before item `index`: any titles that follow it, and the first unit after them. */
function leadHeight(items: FlowItem[], index: number, usable: number): number {
  const item = items[index];
  if (!item) return 0;
  if (item.kind === 'atomic') return item.height + (item.keepWithNext ? leadHeight(items, index + 1, usable) : 0);
  const lines = item.rowLines?.[0];
  const row = item.rowHeights[0] ?? 0;
  // A row no page holds is cut anyway: only its first line need be there.
  return item.headHeight + (lines && item.headHeight + row > usable ? lines.chrome + (lines.tops[1] ?? lines.content) : row);
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
  // True on a page holding nothing but the section titles waiting for what follows them.
  const onlyTitles = () =>
    current().every((fragment) => {
      const item = items[fragment.item];
      return item?.kind === 'atomic' && item.keepWithNext;
    });
  /**
   * Whether a unit of `height` (with what must share its page) starts a new page: not when it fits, nor on
   * an empty page, nor after titles waiting for it when it is a title that fits there, or a unit that no
   * page holds anyway (it stays with its titles rather than leave them alone; its sheet grows).
   */
  const mustMove = (height: number, own = height, title = false) =>
    used + height > usable && current().length > 0 && !(onlyTitles() && (title ? used + own <= usable : own > usable));

  /** Rows from the first, fragment by fragment; a long row cut between its lines where the rules below allow. */
  const placeRows = (item: TableItem, index: number) => {
    const count = item.rowHeights.length;
    let row = 0;
    let start = 0; // where in its content the next part of `row` begins (0: the row is whole)
    while (row < count) {
      // Moving on would gain nothing on an empty page, or one holding only the titles kept with this table.
      const placeAnyway = current().length === 0 || onlyTitles();
      const fragment: Fragment = { item: index, from: row, to: row, ...(start > 0 ? { start } : {}) };
      let height = item.headHeight;
      while (row < count) {
        const lines = item.rowLines?.[row];
        const rest = lines && start > 0 ? lines.chrome + lines.content - start : (item.rowHeights[row] ?? 0);
        const first = fragment.to === fragment.from;
        const noPageHolds = start > 0 || item.headHeight + (item.rowHeights[row] ?? 0) > usable;
        if (used + height + rest <= usable || (first && placeAnyway && noPageHolds && !lines)) {
          height += rest;
          row += 1;
          start = 0;
          fragment.to = row;
          continue;
        }
        // Rows are cut only when no page holds them whole, or when their section titles would otherwise stand alone.
        if (lines && (noPageHolds || (first && placeAnyway && current().length > 0))) {
          const room = usable - used - height - lines.chrome;
          const fits = lines.tops.filter((top) => top > start && top - start <= room);
          // At least one line on an empty page, so pagination always moves on.
          const cut = fits[fits.length - 1] ?? (first && current().length === 0 ? lines.tops.find((top) => top > start) : undefined);
          if (cut !== undefined) {
            height += lines.chrome + cut - start;
            fragment.to = row + 1;
            fragment.end = cut;
            start = cut;
          } else if (first && current().length === 0) {
            // Its last line alone is taller than a page: the sheet grows.
            height += rest;
            row += 1;
            start = 0;
            fragment.to = row;
            continue;
          }
        }
        break;
      }
      if (fragment.to > fragment.from) {
        current().push(fragment);
        used += height;
      }
      if (row < count) newPage();
    }
  };

  items.forEach((item, index) => {
    if (item.kind === 'atomic') {
      const needed = item.height + (item.keepWithNext ? leadHeight(items, index + 1, usable) : 0);
      if (mustMove(needed, item.height, item.keepWithNext)) {
        if (item.keepWithPrevious) {
          carryLastRow(pages, items, usable - item.height);
          used = pageUsed(current(), items);
        } else newPage();
      }
      current().push({ item: index, from: 0, to: 1 });
      used += item.height;
      return;
    }
    placeRows(item, index);
    if (item.rowHeights.length === 0) {
      if (mustMove(item.headHeight)) newPage();
      current().push({ item: index, from: 0, to: 0 });
      used += item.headHeight;
    }
  });
  return pages;
}

/**
 * Starts a new page for the signatures with something of what came before them, within `room`: the last
 * row of the previous page's last table fragment (when it has more than one), or else the last lines of
 * a long row, or else that whole fragment with the section titles kept with it.
 */
function carryLastRow(pages: Pages, items: FlowItem[], room: number): void {
  const page = pages[pages.length - 1] as Fragment[];
  const last = page[page.length - 1];
  const item = last ? items[last.item] : undefined;
  const carried: Fragment[] = [];
  if (last && item?.kind === 'table' && last.end === undefined) {
    const row = last.to - 1;
    const lines = item.rowLines?.[row];
    const start = row === last.from ? (last.start ?? 0) : 0;
    // The fewest last lines of the row that leave one behind, if they fit with the header.
    const lastLines = lines?.tops.filter((top) => top > start && item.headHeight + lines.chrome + lines.content - top <= room).at(-1);
    // The fragment with the section titles right before it.
    let group = page.length - 1;
    while (group > 0 && (items[(page[group - 1] as Fragment).item] as AtomicItem | undefined)?.keepWithNext) group -= 1;
    if (last.to - last.from > 1 && start === 0 && item.headHeight + (item.rowHeights[row] ?? 0) <= room) {
      last.to -= 1;
      carried.push({ item: last.item, from: row, to: row + 1 });
    } else if (lastLines !== undefined) {
      last.end = lastLines;
      carried.push({ item: last.item, from: row, to: row + 1, start: lastLines });
    } else if (group > 0 && page.slice(group).reduce((sum, fragment) => sum + fragmentHeight(fragment, items), 0) <= room) {
      carried.push(...page.splice(group));
    }
  }
  pages.push(carried);
}

/** The height a fragment takes: an atomic item, or a table's header and rows (parts of a cut row as cut). */
export function fragmentHeight(fragment: Fragment, items: FlowItem[]): number {
  const item = items[fragment.item];
  if (!item) return 0;
  if (item.kind === 'atomic') return item.height;
  let height = item.headHeight;
  for (let row = fragment.from; row < fragment.to; row += 1) {
    const lines = item.rowLines?.[row];
    const start = row === fragment.from ? (fragment.start ?? 0) : 0;
    const end = row === fragment.to - 1 ? fragment.end : undefined;
    height += lines && (start > 0 || end !== undefined) ? lines.chrome + (end ?? lines.content) - start : (item.rowHeights[row] ?? 0);
  }
  return height;
}

/** The height a page's fragments take; more than the page's height only where one unit alone is taller. */
export function pageUsed(page: Fragment[], items: FlowItem[]): number {
  return page.reduce((sum, fragment) => sum + fragmentHeight(fragment, items), 0);
}
