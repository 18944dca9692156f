/**
 * The print view: the same data as the screen, laid out as an official document. It is its own route
 * (#/print/<list>?filter=…), so the browser's print (and Electron's printToPDF) prints exactly this page.
 */
import { Button, Group, Loader, Select, Text, TextInput } from '@mantine/core';
import { IconFileTypePdf, IconPrinter, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/common';
import { DEFAULT_PRINT_SETTINGS, type PrintSettings } from '../../../shared/print';
import { call } from '../api/client';
import { ColumnPicker, shownColumns } from './ColumnPicker';
import { PageLayoutPicker } from './page-layout';
import { PrintDocument, tableBlock } from './PrintDocument';
import { PRINTABLE_LISTS, type PrintableList } from './lists';
import { PRINTABLE_SHEETS, type PrintableSheet } from './sheets';
import { usePrintChoices } from './usePrintChoices';

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

const ZOOMS = ['50', '75', '100', '125'];

/**
 * The print view's screen: the toolbar (print, save as PDF, the document's own choices, the page count,
 * zoom and "go to page", close) above the sheets. Nothing of it is printed but the sheets, at full size.
 */
function PrintScreen({ pages, tools, children }: { pages: number | null; tools?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const [zoom, setZoom] = useState('100');
  const [goTo, setGoTo] = useState('');
  const print = () => (window.api?.printPage ? void window.api.printPage() : window.print());
  const showPage = () => {
    const page = Number(goTo);
    if (!Number.isInteger(page) || page < 1 || (pages !== null && page > pages)) return;
    document.querySelector(`[aria-label="Trang ${page}"]`)?.scrollIntoView({ block: 'start' });
  };
  return (
    <div className="print-screen" style={{ '--print-zoom': Number(zoom) / 100 } as CSSProperties}>
      <Group className="no-print print-toolbar" justify="center" mb="md" gap="xs">
        <Button leftSection={<IconPrinter size={16} />} onClick={print}>
          {t('print.print')} (Ctrl+P)
        </Button>
        {window.api?.savePdf && (
          <Button variant="default" leftSection={<IconFileTypePdf size={16} />} onClick={() => void window.api?.savePdf?.(document.title)}>
            {t('print.savePdf')}
          </Button>
        )}
        {tools}
        <Text size="sm" c="dimmed" data-testid="print-pages">
          {pages === null ? t('print.paging') : t('print.pagesCount', { count: pages })}
        </Text>
        <Select size="xs" w={90} aria-label={t('print.zoom')} data={ZOOMS.map((value) => ({ value, label: `${value}%` }))} value={zoom} onChange={(value) => setZoom(value ?? '100')} allowDeselect={false} />
        <TextInput
          size="xs"
          w={110}
          aria-label={t('print.goToPage')}
          placeholder={t('print.goToPage')}
          inputMode="numeric"
          value={goTo}
          disabled={pages === null}
          onChange={(event) => setGoTo(event.currentTarget.value)}
          onKeyDown={(event) => event.key === 'Enter' && showPage()}
        />
        <Button variant="default" leftSection={<IconX size={16} />} onClick={() => window.history.back()}>
          {t('common.close')}
        </Button>
      </Group>
      <div className="print-zoom">{children}</div>
    </div>
  );
}

function PrintView<Row extends { id: string }>({ list, filter }: { list: PrintableList<Row>; filter: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [subtitle, setSubtitle] = useState<string | null | undefined>(undefined);
  const settings = usePrintSettings();
  const [printed, setPrinted] = useState<Row[] | null>(null);
  const columns = useMemo(() => list.columns(t), [list, t]);
  const keys = useMemo(() => columns.map((column) => column.key), [columns]);
  const { choices, changeChoices, layout, changeLayout, pages, setPages } = usePrintChoices(list.name, keys, list.orientation, list.hiddenByDefault);
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

  if (!rows || !choices || !printed || !settings || !layout || subtitle === undefined) return <Loader m="xl" />;
  const labels = Object.fromEntries(columns.map((column) => [column.key, column.header]));

  return (
    <PrintScreen
      pages={pages}
      tools={
        <>
          <ColumnPicker choices={choices} labels={labels} onChange={changeChoices} />
          <PageLayoutPicker layout={layout} onChange={changeLayout} />
          <Text size="sm" c="dimmed">
            {t('print.rowsCount', { count: rows.length })}
          </Text>
        </>
      }
    >
      <PrintDocument settings={settings} orientation={layout.orientation} fontSize={layout.fontSize} title={list.title(t)} subtitle={subtitle ?? undefined} blocks={blocks} onPaged={setPages} />
    </PrintScreen>
  );
}

const NO_COLUMNS: { key: string; label: string }[] = [];

function SheetView<Data>({ name, sheet, params }: { name: string; sheet: PrintableSheet<Data>; params: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [data, setData] = useState<Data | null>(null);
  const settings = usePrintSettings();
  // A sheet's tables may let the officer pick their columns; a record sheet has none to pick.
  const pickable = useMemo(() => sheet.columns?.(t) ?? NO_COLUMNS, [sheet, t]);
  const keys = useMemo(() => pickable.map((column) => column.key), [pickable]);
  const { choices, changeChoices, layout, changeLayout, pages, setPages } = usePrintChoices(name, keys, sheet.orientation);
  const blocks = useMemo(() => (data && choices ? sheet.body(data, t, (columns) => shownColumns(columns, choices)) : []), [data, choices, sheet, t]);
  useEffect(() => {
    void sheet.load(params).then(setData);
  }, [sheet, params]);
  if (!data || !settings || !choices || !layout) return <Loader m="xl" />;
  const labels = Object.fromEntries(pickable.map((column) => [column.key, column.label]));
  return (
    <PrintScreen
      pages={pages}
      tools={
        <>
          {pickable.length > 0 && <ColumnPicker choices={choices} labels={labels} onChange={changeChoices} />}
          <PageLayoutPicker layout={layout} onChange={changeLayout} />
        </>
      }
    >
      <PrintDocument settings={settings} orientation={layout.orientation} fontSize={layout.fontSize} title={sheet.title(data, t)} subtitle={sheet.subtitle?.(data, t)} blocks={blocks} onPaged={setPages} />
    </PrintScreen>
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
