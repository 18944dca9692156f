/**
 * The one grid wrapper every register uses: AG Grid's infinite row model (paging, sorting and
 * searching happen in SQL through the API), the Vietnamese or English locale, and the column layout
 * (order, width, visibility, sort) remembered per list and per user in the database.
 */
import { AG_GRID_LOCALE_EN, AG_GRID_LOCALE_VN } from '@ag-grid-community/locale';
import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type ColDef,
  type ColumnState,
  type GridApi,
  type GridReadyEvent,
  type ICellRendererParams,
  type IDatasource,
  type ITooltipParams,
  type RowClickedEvent,
  type SortModelItem,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/common';
import { call } from '../api/client';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 14,
  headerFontWeight: 600,
  // Two lines of a long name (see `wrapping`) fit a row.
  rowHeight: 46,
  headerHeight: 40,
  accentColor: '#1c5fa8',
});

/** A long text cell (a model's name, an address, a category): up to two lines, then "…" (styles.css). */
function TwoLineCell({ value, valueFormatted }: ICellRendererParams) {
  return (
    <div className="grid-two-lines-cell">
      <span className="grid-two-lines">{valueFormatted ?? value}</span>
    </div>
  );
}

/**
 * Column settings for long text: wrapped on two lines so that names sharing a long beginning ("Đội
 * công tác xã hội tình nguyện số …") still differ on screen; every cell shows its whole text on hover.
 */
export const wrapping = { cellRenderer: TwoLineCell } satisfies Partial<ColDef>;

/** The whole text of a cell as its hover title (a cut one included); none for empty cells. */
function cellTitle(params: ITooltipParams): string | undefined {
  const text = params.valueFormatted ?? params.value;
  return typeof text === 'string' && text.trim() !== '' ? text : typeof text === 'number' ? String(text) : undefined;
}

export interface PageRequest {
  offset: number;
  limit: number;
  sort: SortModelItem | null;
}

/** What the officer sees: the sort and the shown columns in their order (for export). */
export interface GridView {
  sort: SortModelItem | null;
  columns: string[];
}

/** The grid's sort as a list query's sort, when the API can sort by that column (else the default order). */
export function listSort<Field extends string>(sort: SortModelItem | null | undefined, fields: readonly Field[]): { field: Field; direction: 'asc' | 'desc' } | null {
  return sort && (fields as readonly string[]).includes(sort.colId) ? { field: sort.colId as Field, direction: sort.sort } : null;
}

function currentView<Row>(api: GridApi<Row>): GridView {
  const state = api.getColumnState();
  const sorted = state.find((column) => column.sort);
  return { sort: sorted?.sort ? { colId: sorted.colId, sort: sorted.sort } : null, columns: state.filter((column) => !column.hide).map((column) => column.colId) };
}

interface DataGridProps<Row> {
  /** Key under which the column layout is remembered, e.g. "grid:models". */
  layoutKey: string;
  columns: ColDef<Row>[];
  /** Fetches one page; the grid asks again whenever `fetchKey` changes (new filter, new search). */
  fetchPage: (request: PageRequest) => Promise<Page<Row>>;
  fetchKey: string;
  onRowOpen?: (row: Row) => void;
  ariaLabel: string;
  /** Columns shown or hidden by the page (e.g. sensitive data on demand), never by a remembered layout. */
  controlledColumns?: string[];
  /** Told the sort and shown columns once the layout is restored and after every change. */
  onViewChange?: (view: GridView) => void;
  /** The page is about to change what the grid shows (a search typed, not yet applied): the grid says it is busy. */
  pending?: boolean;
}

const PAGE_SIZE = 100;

export function DataGrid<Row extends { id: string }>({ layoutKey, columns, fetchPage, fetchKey, onRowOpen, ariaLabel, controlledColumns = [], onViewChange, pending = false }: DataGridProps<Row>) {
  const { i18n } = useTranslation();
  const apiRef = useRef<GridApi<Row> | null>(null);
  const fetchRef = useRef(fetchPage);
  const viewRef = useRef(onViewChange);
  const restoring = useRef(true);
  const saveTimer = useRef<number | undefined>(undefined);
  const regionRef = useRef<HTMLDivElement>(null);
  const loading = useRef(0);
  // aria-busy is true until the first rows arrive and while a block of rows is loading (a new filter,
  // search or saved change swaps the datasource; the grid then replaces every row, first by loading
  // placeholders): a click on a row in that window is lost. Set on the element, not through state, so
  // that marking it never re-renders the grid.
  const pendingRef = useRef(pending);
  /** Whether a first fetch has settled: before it, the grid is busy whatever else says. */
  const loadedOnce = useRef(false);
  const markBusy = (busy: boolean) => regionRef.current?.setAttribute('aria-busy', String(busy || pendingRef.current || !loadedOnce.current));
  useEffect(() => {
    fetchRef.current = fetchPage;
    viewRef.current = onViewChange;
  });
  useEffect(() => {
    pendingRef.current = pending;
    markBusy(loading.current > 0);
  }, [pending]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (params) => {
        loading.current += 1;
        markBusy(true);
        fetchRef
          .current({ offset: params.startRow, limit: params.endRow - params.startRow, sort: params.sortModel[0] ?? null })
          .then((page) => params.successCallback(page.rows, page.total))
          .catch(() => params.failCallback())
          .finally(() => {
            loadedOnce.current = true;
            loading.current -= 1;
            if (loading.current === 0) markBusy(false);
          });
      },
    }),
    // A new datasource is what makes the grid fetch again from the first row.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fetchKey],
  );

  useEffect(() => {
    if (!apiRef.current) return;
    markBusy(true);
    apiRef.current.setGridOption('datasource', datasource);
  }, [datasource]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<Row>) => {
      apiRef.current = event.api;
      call('ui.getState', { key: layoutKey })
        .then(({ value }) => {
          if (!Array.isArray(value) || event.api.isDestroyed()) return;
          const state = (value as ColumnState[]).map((column) => (controlledColumns.includes(column.colId) ? { ...column, hide: undefined } : column));
          event.api.applyColumnState({ state, applyOrder: true });
        })
        .catch(() => undefined)
        .finally(() => {
          restoring.current = false;
          if (event.api.isDestroyed()) return;
          event.api.setGridOption('datasource', datasource);
          viewRef.current?.(currentView(event.api));
        });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the controlled columns are fixed per page
    [layoutKey, datasource],
  );

  const saveLayout = useCallback(() => {
    if (restoring.current) return;
    if (apiRef.current && !apiRef.current.isDestroyed()) viewRef.current?.(currentView(apiRef.current));
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      const api = apiRef.current;
      if (api && !api.isDestroyed()) void call('ui.setState', { key: layoutKey, value: api.getColumnState() }).catch(() => undefined);
    }, 400);
  }, [layoutKey]);

  return (
    <div ref={regionRef} style={{ flex: 1, minHeight: 300 }} aria-label={ariaLabel} role="region" aria-busy="true">
      <AgGridReact<Row>
        theme={theme}
        key={i18n.language}
        localeText={i18n.language === 'en' ? AG_GRID_LOCALE_EN : AG_GRID_LOCALE_VN}
        columnDefs={columns}
        defaultColDef={{ resizable: true, sortable: true, minWidth: 80, tooltipValueGetter: cellTitle, wrapHeaderText: true, autoHeaderHeight: true }}
        enableBrowserTooltips
        rowModelType="infinite"
        suppressColumnVirtualisation
        cacheBlockSize={PAGE_SIZE}
        maxBlocksInCache={50}
        infiniteInitialRowCount={1}
        getRowId={(params) => params.data.id}
        onGridReady={onGridReady}
        onRowClicked={(event: RowClickedEvent<Row>) => event.data && onRowOpen?.(event.data)}
        onCellKeyDown={(event) => {
          const key = (event.event as KeyboardEvent | undefined)?.key;
          if (key === 'Enter' && event.data) onRowOpen?.(event.data);
        }}
        onColumnMoved={saveLayout}
        onColumnResized={(event) => event.finished && saveLayout()}
        onColumnVisible={saveLayout}
        onSortChanged={saveLayout}
        onColumnPinned={saveLayout}
      />
    </div>
  );
}
