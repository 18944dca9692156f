/**
 * The print view: the same data as the screen, laid out as an official document. It is its own route
 * (#/print/<list>?filter=…), so the browser's print (and Electron's printToPDF) prints exactly this page.
 */
import { Button, Group, Loader, Select, Text, TextInput } from '@mantine/core';
import { IconFileTypePdf, IconPrinter, IconX } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHotkeys } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import type { Page } from '../../../shared/common';
import type { PdfMade } from '../../../shared/contract/print';
import type { PrintedPage } from '../../../shared/printed-pages';
import { formatNumber } from '../../../shared/text';
import { DEFAULT_PRINT_SETTINGS, type PrintSettings } from '../../../shared/print';
import { call } from '../api/client';
import { download } from '../components/files';
import { notifyError, notifySaved } from '../components/notify';
import { useSignedIn } from '../features/auth/AuthGate';
import { ColumnPicker, shownColumns } from './ColumnPicker';
import { PageLayoutPicker } from './page-layout';
import { PrintDocument } from './PrintDocument';
import { PrintedPages } from './PrintedPages';
import { layoutRoster } from './layout/roster';
import { layoutReport, REPORT_TEXT_WIDTH, reportParagraphs } from '../../../shared/print-layout/report';
import { reportCharts, type ReportChart } from '../../../shared/report-charts';
import { periodLabelOf } from '../../../shared/report-text';
import { savedReportDraft } from './report-draft';
import { loadPrintFont } from './layout/print-font';
import type { MeasureText } from '../../../shared/print-layout/text';
import { makePdf } from './make-pdf';
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

/** The print font's measure, once its faces are loaded (null until then; a failure is said, and the next print view tries again). */
function usePrintMeasure(): MeasureText | null {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState<MeasureText | null>(null);
  useEffect(() => {
    loadPrintFont().then(
      (loaded) => setMeasure(() => loaded),
      (error: unknown) => notifyError(error, t('print.fontFailed')),
    );
  }, [t]);
  return measure;
}

const ZOOMS = ['50', '75', '100', '125'];

/** How a document is printed: laid-out pages go through a PDF; record sheets print the page itself. */
interface PrintActions {
  print: () => void;
  savePdf: (() => void) | null;
  /** While a PDF is being made: how far it has got, in words. */
  busy: string | null;
}

/** A record sheet: printed through the browser's (or Electron's) own print of this page. */
const PAGE_ACTIONS: PrintActions = {
  print: () => (window.api?.printPage ? void window.api.printPage() : window.print()),
  savePdf: window.api?.savePdf ? () => void window.api?.savePdf?.(document.title) : null,
  busy: null,
};

/**
 * The print view's screen: the toolbar (print, save as PDF, the document's own choices, the page count,
 * zoom and "go to page", close) above the sheets. Nothing of it is printed but the sheets, at full size.
 */
function PrintScreen({ pages, tools, actions = PAGE_ACTIONS, children }: { pages: number | null; tools?: ReactNode; actions?: PrintActions; children: ReactNode }) {
  const { t } = useTranslation();
  const [zoom, setZoom] = useState('100');
  const [goTo, setGoTo] = useState('');
  const showPage = () => {
    const page = Number(goTo);
    if (!Number.isInteger(page) || page < 1 || (pages !== null && page > pages)) return;
    document.querySelector(`[aria-label="Trang ${page}"]`)?.scrollIntoView({ block: 'start' });
  };
  return (
    <div className="print-screen" style={{ '--print-zoom': Number(zoom) / 100 } as CSSProperties}>
      <Group className="no-print print-toolbar" justify="center" mb="md" gap="xs">
        <Button leftSection={<IconPrinter size={16} />} onClick={actions.print} disabled={pages === null} loading={actions.busy !== null}>
          {t('print.print')} (Ctrl+P)
        </Button>
        {actions.savePdf && (
          <Button variant="default" leftSection={<IconFileTypePdf size={16} />} onClick={actions.savePdf} disabled={pages === null || actions.busy !== null}>
            {t('print.savePdf')}
          </Button>
        )}
        {actions.busy && (
          <Text size="sm" role="status">
            {actions.busy}
          </Text>
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

/** Where a PDF goes and what the officer is told: the same for both hosts' ways of handling files. */
async function deliverPdf(purpose: 'print' | 'save', fileName: string, run: (target: 'open' | 'download' | { path: string }) => Promise<PdfMade>, t: TFunction): Promise<void> {
  if (purpose === 'print') {
    const made = await run('open');
    if (made.downloadUrl) download(made.downloadUrl);
    notifySaved(made.downloadUrl ? t('print.pdfToPrint', { pages: formatNumber(made.pages), file: made.fileName }) : t('print.pdfOpened', { pages: formatNumber(made.pages) }));
    return;
  }
  if (window.api?.pickExportFile) {
    const path = await window.api.pickExportFile(`${fileName}.pdf`);
    if (!path) return;
    const made = await run({ path });
    notifySaved(t('print.pdfSaved', { pages: formatNumber(made.pages), path }));
    return;
  }
  const made = await run('download');
  if (made.downloadUrl) download(made.downloadUrl);
  notifySaved(t('print.pdfDownloaded', { pages: formatNumber(made.pages), file: made.fileName }));
}

function PrintView<Row extends { id: string }>({ list, filter }: { list: PrintableList<Row>; filter: Record<string, unknown> }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [subtitle, setSubtitle] = useState<string | null | undefined>(undefined);
  const settings = usePrintSettings();
  const measure = usePrintMeasure();
  // The rows with what the chosen columns need, and for which columns: pages are laid out only from rows made for the columns shown.
  const [printed, setPrinted] = useState<{ rows: Row[]; keys: string } | null>(null);
  const { user } = useSignedIn();
  const columns = useMemo(() => list.columns(t).filter((column) => user.role !== 'viewer' || !list.sensitive?.includes(column.key)), [list, t, user.role]);
  const keys = useMemo(() => columns.map((column) => column.key), [columns]);
  const { choices, changeChoices, layout, changeLayout } = usePrintChoices(list.name, keys, list.orientation, list.hiddenByDefault);
  const [busy, setBusy] = useState<string | null>(null);
  const title = list.title(t);

  useEffect(() => {
    void fetchAll((offset, limit) => list.fetch(filter, offset, limit)).then(setRows);
    call('catalogues.get', {}).then(
      (catalogues) => setSubtitle(list.describe(filter, catalogues, t)),
      () => setSubtitle(null),
    );
  }, [list, filter, t]);

  // Rows as printed: with the data the chosen columns need (sensitive fields only when chosen).
  useEffect(() => {
    if (!rows || !choices) return;
    const keys = shownColumns(columns, choices).map((column) => column.key);
    let live = true;
    void (list.enrich ? list.enrich(rows, keys) : Promise.resolve(rows)).then((enriched) => live && setPrinted({ rows: enriched, keys: keys.join() }));
    return () => {
      live = false;
    };
  }, [rows, choices, columns, list]);

  // Laid out after "Đang dàn trang…" has been painted (a long roster takes a moment); pages of earlier choices are not shown.
  const inputs = useMemo(
    () =>
      printed && choices && printed.keys === shownColumns(columns, choices).map((column) => column.key).join() && settings && layout && measure && subtitle !== undefined
        ? { printed: printed.rows, choices, settings, layout, measure, subtitle }
        : null,
    [printed, choices, columns, settings, layout, measure, subtitle],
  );
  const [laidOut, setLaidOut] = useState<{ inputs: typeof inputs; pages: PrintedPage[] } | null>(null);
  useEffect(() => {
    if (!inputs) return;
    const timer = setTimeout(() => {
      const shown = shownColumns(columns, inputs.choices);
      const cells = inputs.printed.map((row, index) => shown.map((column) => column.text(row, index)));
      const document = { settings: inputs.settings, title, subtitle: inputs.subtitle ?? undefined, date: new Date(), columns: shown, rows: cells };
      setLaidOut({ inputs, pages: layoutRoster(document, inputs.layout, inputs.measure) });
    }, 0);
    return () => clearTimeout(timer);
  }, [inputs, columns, title]);
  const pages = laidOut && laidOut.inputs === inputs ? laidOut.pages : null;

  const pdf = (purpose: 'print' | 'save') => {
    if (!pages || !layout || busy !== null) return;
    setBusy(t('print.makingPdf', { percent: 0 }));
    const run = (target: 'open' | 'download' | { path: string }) =>
      makePdf(pages, { orientation: layout.orientation, title, fileName: title }, target, (fraction) => setBusy(t('print.makingPdf', { percent: Math.floor(fraction * 100) })));
    deliverPdf(purpose, title, run, t)
      .catch((error: unknown) => notifyError(error, t('print.pdfFailed')))
      .finally(() => setBusy(null));
  };
  // Also from the toolbar's fields: the browser's own print would print the preview, not the document.
  useHotkeys([['mod+P', () => pdf('print')]], []);

  if (!rows || !choices || !printed || !settings || !layout || subtitle === undefined) return <Loader m="xl" />;
  const labels = Object.fromEntries(columns.map((column) => [column.key, column.header]));

  return (
    <PrintScreen
      pages={pages?.length ?? null}
      actions={{ print: () => pdf('print'), savePdf: () => pdf('save'), busy }}
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
      {pages ? <PrintedPages pages={pages} orientation={layout.orientation} /> : <Loader m="xl" />}
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

/** The period report as the officer left it on the report page, laid out by the same engine as the rosters. */
function ReportPrintView() {
  const { t } = useTranslation();
  const settings = usePrintSettings();
  const measure = usePrintMeasure();
  const [busy, setBusy] = useState<string | null>(null);
  const draft = useMemo(() => savedReportDraft(), []);
  // The charts of the period and wards counted, drawn once their figures are in (none when not asked for).
  const [charts, setCharts] = useState<ReportChart[] | null>(draft?.charts ? null : []);
  useEffect(() => {
    const query = draft?.charts;
    if (!query) return;
    Promise.all([call('report.figures', query), call('report.series', query)]).then(
      ([figures, series]) => setCharts(reportCharts(figures, series, REPORT_TEXT_WIDTH)),
      (error: unknown) => {
        notifyError(error);
        setCharts([]);
      },
    );
  }, [draft]);
  const pages = useMemo(
    () =>
      draft && settings && measure && charts
        ? layoutReport({ settings, title: draft.title, subtitle: draft.subtitle, paragraphs: reportParagraphs(draft.body), date: new Date(), charts }, measure)
        : null,
    [draft, settings, measure, charts],
  );
  const fileName = draft ? `${draft.title} ${periodLabelOf(draft.subtitle)}` : '';
  const pdf = (purpose: 'print' | 'save') => {
    if (!pages || busy !== null) return;
    setBusy(t('print.makingPdf', { percent: 0 }));
    const run = (target: 'open' | 'download' | { path: string }) =>
      makePdf(pages, { orientation: 'portrait', title: fileName, fileName }, target, (fraction) => setBusy(t('print.makingPdf', { percent: Math.floor(fraction * 100) })));
    deliverPdf(purpose, fileName, run, t)
      .catch((error: unknown) => notifyError(error, t('print.pdfFailed')))
      .finally(() => setBusy(null));
  };
  useHotkeys([['mod+P', () => pdf('print')]], []);
  if (!draft) return <Text m="xl">Không có báo cáo để in: hãy mở trang Báo cáo sơ kết, tổng kết.</Text>;
  return (
    <PrintScreen pages={pages?.length ?? null} actions={{ print: () => pdf('print'), savePdf: () => pdf('save'), busy }}>
      {pages ? <PrintedPages pages={pages} orientation="portrait" /> : <Loader m="xl" />}
    </PrintScreen>
  );
}

export function PrintPage({ hash }: { hash: string }): ReactNode {
  const route = useMemo(() => parsePrintRoute(hash), [hash]);
  if (route?.list === 'report') return <ReportPrintView key={hash} />;
  const list = route ? PRINTABLE_LISTS[route.list] : undefined;
  const sheet = route ? PRINTABLE_SHEETS[route.list] : undefined;
  // Keyed by the route, so moving from one document to another starts from empty state.
  if (route && list) return <PrintView key={hash} list={list} filter={route.filter} />;
  if (route && sheet) return <SheetView key={hash} name={route.list} sheet={sheet} params={route.filter} />;
  return <Text m="xl">Không có danh sách để in.</Text>;
}
