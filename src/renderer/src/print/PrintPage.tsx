/**
 * The print view: the same data as the screen, laid out as an official document. It is its own route
 * (#/print/<list>?filter=…), so the browser's print (and Electron's printToPDF) prints exactly this page.
 */
import { Button, Group, Loader, Text } from '@mantine/core';
import { IconFileTypePdf, IconPrinter, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/common';
import { DEFAULT_PRINT_SETTINGS, type PageLayout, type PrintSettings } from '../../../shared/print';
import { call } from '../api/client';
import { ColumnPicker, shownColumns, useColumnChoices, type ColumnChoice } from './ColumnPicker';
import { PageLayoutPicker, usePageLayout } from './page-layout';
import { PrintDocument, tableBlock } from './PrintDocument';
import { PRINTABLE_LISTS, type PrintableList } from './lists';
import { PRINTABLE_SHEETS, type PrintableSheet } from './sheets';

const PAGE = 1000;

/** Every row of a filtered list, page by page (the API pages at 1.000). */
async function fetchAll<Row>(fetchPage: (offset: number, limit: number) => Promise<Page<Row>>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await fetchPage(offset, PAGE);
    rows.push(...page.rows);
    if (rows.length >= page.total || page.rows.length === 0) return rows;
  }
}

export function parsePrintRoute(hash: string): { list: string; filter: Record<string, unknown> } | null {
  const match = /^#\/print\/([a-z-]+)(?:\?(.*))?$/.exec(hash);
  if (!match?.[1]) return null;
  const params = new URLSearchParams(match[2] ?? '');
  try {
    return { list: match[1], filter: JSON.parse(params.get('filter') ?? '{}') as Record<string, unknown> };
  } catch {
    return { list: match[1], filter: {} };
  }
}

export function printHref(list: string, filter: object): string {
  return `#/print/${list}?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`;
}

/** The unit, place and signers, or null while they load (the pages are laid out once, with them). */
function usePrintSettings(): PrintSettings | null {
  const [settings, setSettings] = useState<PrintSettings | null>(null);
  useEffect(() => {
    call('print.settings', {}).then(setSettings, () => setSettings(DEFAULT_PRINT_SETTINGS));
  }, []);
  return settings;
}

/** Print (the browser's or Electron's dialog), save as PDF in Electron, close; never printed itself. */
function PrintToolbar({ pages, children }: { pages: number | null; children?: ReactNode }) {
  const { t } = useTranslation();
  const print = () => (window.api?.printPage ? void window.api.printPage() : window.print());
  return (
    <Group className="no-print" justify="center" mb="md" gap="xs">
      <Button leftSection={<IconPrinter size={16} />} onClick={print}>
        {t('print.print')} (Ctrl+P)
      </Button>
      {window.api?.savePdf && (
        <Button variant="default" leftSection={<IconFileTypePdf size={16} />} onClick={() => void window.api?.savePdf?.(document.title)}>
          {t('print.savePdf')}
        </Button>
      )}
      {children}
      <Text size="sm" c="dimmed">
        {pages === null ? t('print.paging') : t('print.pagesCount', { count: pages })}
      </Text>
      <Button variant="default" leftSection={<IconX size={16} />} onClick={() => window.history.back()}>
        {t('common.close')}
      </Button>
    </Group>
  );
}

function PrintView<Row extends { id: string }>({ list, filter }: { list: PrintableList<Row>; filter: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [subtitle, setSubtitle] = useState<string | null | undefined>(undefined);
  const settings = usePrintSettings();
  const [printed, setPrinted] = useState<Row[] | null>(null);
  const [pages, setPages] = useState<number | null>(null);
  const columns = useMemo(() => list.columns(t), [list, t]);
  const keys = useMemo(() => columns.map((column) => column.key), [columns]);
  const [choices, setChoices] = useColumnChoices(list.name, keys, list.hiddenByDefault);
  const [layout, setLayout] = usePageLayout(list.name, list.orientation);
  const blocks = useMemo(() => (printed && choices ? [tableBlock(list.title(t), shownColumns(columns, choices), printed)] : []), [printed, choices, columns, list, t]);

  useEffect(() => {
    void fetchAll((offset, limit) => list.fetch(filter, offset, limit)).then(setRows);
    call('catalogues.get', {}).then(
      (catalogues) => setSubtitle(list.describe(filter, catalogues)),
      () => setSubtitle(null),
    );
  }, [list, filter]);

  // Rows as printed: with the data the chosen columns need (sensitive fields only when chosen).
  useEffect(() => {
    if (!rows || !choices) return;
    const keys = shownColumns(columns, choices).map((column) => column.key);
    void (list.enrich ? list.enrich(rows, keys) : Promise.resolve(rows)).then(setPrinted);
  }, [rows, choices, columns, list]);

  const changeChoices = (next: ColumnChoice[]) => {
    setChoices(next);
    setPages(null);
  };
  const changeLayout = (next: PageLayout) => {
    setLayout(next);
    setPages(null);
  };

  if (!rows || !choices || !printed || !settings || !layout || subtitle === undefined) return <Loader m="xl" />;
  const labels = Object.fromEntries(columns.map((column) => [column.key, column.header]));

  return (
    <div className="print-screen">
      <PrintToolbar pages={pages}>
        <ColumnPicker choices={choices} labels={labels} onChange={changeChoices} />
        <PageLayoutPicker layout={layout} onChange={changeLayout} />
        <Text size="sm" c="dimmed">
          {t('print.rowsCount', { count: rows.length })}
        </Text>
      </PrintToolbar>
      <PrintDocument settings={settings} orientation={layout.orientation} fontSize={layout.fontSize} title={list.title(t)} subtitle={subtitle ?? undefined} blocks={blocks} onPaged={setPages} />
    </div>
  );
}

const NO_COLUMNS: { key: string; label: string }[] = [];

function SheetView<Data>({ name, sheet, params }: { name: string; sheet: PrintableSheet<Data>; params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Data | null>(null);
  const settings = usePrintSettings();
  const [pages, setPages] = useState<number | null>(null);
  // A sheet's tables may let the officer pick their columns; a record sheet has none to pick.
  const pickable = useMemo(() => sheet.columns?.(t) ?? NO_COLUMNS, [sheet, t]);
  const keys = useMemo(() => pickable.map((column) => column.key), [pickable]);
  const [choices, setChoices] = useColumnChoices(name, keys);
  const [layout, setLayout] = usePageLayout(name, sheet.orientation);
  const blocks = useMemo(() => (data && choices ? sheet.body(data, t, (columns) => shownColumns(columns, choices)) : []), [data, choices, sheet, t]);
  useEffect(() => {
    void sheet.load(params).then(setData);
  }, [sheet, params]);
  if (!data || !settings || !choices || !layout) return <Loader m="xl" />;
  const labels = Object.fromEntries(pickable.map((column) => [column.key, column.label]));
  const changeChoices = (next: ColumnChoice[]) => {
    setChoices(next);
    setPages(null);
  };
  const changeLayout = (next: PageLayout) => {
    setLayout(next);
    setPages(null);
  };
  return (
    <div className="print-screen">
      <PrintToolbar pages={pages}>
        {pickable.length > 0 && <ColumnPicker choices={choices} labels={labels} onChange={changeChoices} />}
        <PageLayoutPicker layout={layout} onChange={changeLayout} />
      </PrintToolbar>
      <PrintDocument settings={settings} orientation={layout.orientation} fontSize={layout.fontSize} title={sheet.title(data, t)} subtitle={sheet.subtitle?.(data, t)} blocks={blocks} onPaged={setPages} />
    </div>
  );
}

export function PrintPage({ hash }: { hash: string }): ReactNode {
  const route = useMemo(() => parsePrintRoute(hash), [hash]);
  const list = route ? PRINTABLE_LISTS[route.list] : undefined;
  const sheet = route ? PRINTABLE_SHEETS[route.list] : undefined;
  // Keyed by the route, so moving from one document to another starts from empty state.
  if (route && list) return <PrintView key={hash} list={list} filter={route.filter} />;
  if (route && sheet) return <SheetView key={hash} name={route.list} sheet={sheet} params={route.filter} />;
  return <Text m="xl">Không có danh sách để in.</Text>;
}
