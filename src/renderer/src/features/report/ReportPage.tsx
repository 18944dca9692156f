/**
 * Báo cáo sơ kết, tổng kết (issue 17): a period (quarter, half year, year or any range) and wards; every
 * figure counted from the registers, each opening the records behind it; the report drafted in the
 * district's own wording, which the officer edits, then prints (PDF) or saves as Word; the figures to Excel.
 */
import { Alert, Anchor, Button, Checkbox, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypeDocx, IconPrinter, IconRefresh } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { completeDate, localToday, pad } from '../../../../shared/dates';
import type { ReportFigures, ReportQueryInput } from '../../../../shared/report';
import { figureRows, reportDraft, type FigureRow } from '../../../../shared/report-text';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useCatalogues } from '../../app/catalogues-context';
import { useConfirm } from '../../components/confirm';
import { useExportDelivery } from '../../components/ExportMenu';
import { notifyError } from '../../components/notify';
import { printHref } from '../../print/PrintPage';
import { RecordsModal } from './RecordsModal';
import { saveReportDraft, type SavedDraft } from '../../print/report-draft';

type PeriodKind = 'quarter' | 'half' | 'year' | 'range';

interface Period {
  kind: PeriodKind;
  year: string;
  quarter: string;
  from: string;
  to: string;
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period's first and last day as dd/mm/yyyy, or null while a range is not yet typed whole. */
function periodDates(period: Period): { from: string; to: string } | null {
  const year = Number(period.year);
  if (period.kind === 'range') {
    const from = completeDate(period.from);
    const to = completeDate(period.to);
    return from && to ? { from, to } : null;
  }
  const [first, last] = period.kind === 'year' ? [1, 12] : period.kind === 'half' ? [1, 6] : [(Number(period.quarter) - 1) * 3 + 1, Number(period.quarter) * 3];
  return { from: `01/${pad(first)}/${year}`, to: `${lastDay(year, last)}/${pad(last)}/${year}` };
}

const draftBody = (paragraphs: string[]) => paragraphs.join('\n\n');

export function ReportPage() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const today = localToday();
  const thisYear = Number(today.slice(0, 4));
  const [period, setPeriod] = useState<Period>({ kind: 'year', year: String(thisYear), quarter: String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1), from: '', to: '' });
  const [wardIds, setWardIds] = useState<string[]>([]);
  const [figures, setFigures] = useState<ReportFigures | null>(null);
  const [draft, setDraft] = useState<SavedDraft | null>(null);
  const [edited, setEdited] = useState(false);
  const [stale, setStale] = useState(false);
  const [opened, setOpened] = useState<FigureRow | null>(null);
  const [withCharts, setWithCharts] = useState(true);
  const { busy, deliver } = useExportDelivery();
  const confirm = useConfirm();

  const dates = periodDates(period);
  const query: ReportQueryInput | null = useMemo(() => (dates ? { from: dates.from, to: dates.to, wardIds } : null), [dates?.from, dates?.to, wardIds]); // eslint-disable-line react-hooks/exhaustive-deps

  // Read when the figures arrive, so an edit typed while they were being counted is seen.
  const editedNow = useRef(edited);
  useEffect(() => {
    editedNow.current = edited;
  }, [edited]);

  useEffect(() => {
    if (!query) return;
    let live = true;
    call('report.figures', query).then(
      (counted) => {
        if (!live) return;
        setFigures(counted);
        // The officer's edits are never replaced without asking: new figures only mark the text as behind.
        if (editedNow.current) setStale(true);
        else setDraft(fromFigures(counted));
      },
      (error: unknown) => {
        if (!live) return;
        setFigures(null);
        notifyError(error);
      },
    );
    return () => {
      live = false;
    };
  }, [query]);
  // The records, the Excel figures and the printed charts are those of the figures shown; none while the period is incomplete.
  const shownFigures = query ? figures : null;
  const shown = shownFigures?.query ?? null;

  const fromFigures = (counted: ReportFigures): SavedDraft => {
    const written = reportDraft(counted);
    return { title: written.title, subtitle: written.subtitle, body: draftBody(written.paragraphs) };
  };
  const edit = (change: Partial<SavedDraft>) => {
    setDraft((current) => (current ? { ...current, ...change } : current));
    setEdited(true);
  };
  const rewrite = async () => {
    if (!figures) return;
    if (edited && !(await confirm({ title: t('report.rewrite'), message: t('report.rewriteConfirm'), confirmLabel: t('report.rewrite') }))) return;
    setDraft(fromFigures(figures));
    setEdited(false);
    setStale(false);
  };
  const paragraphs = draft ? draft.body.split('\n').map((line) => line.trim()).filter(Boolean) : [];
  const print = () => {
    if (!draft) return;
    saveReportDraft({ ...draft, charts: withCharts ? shown : null });
    window.location.hash = printHref('report', {});
  };
  const saveDocx = () => draft && void deliver(`Báo cáo.docx`, (target) => call('report.docx', { draft: { title: draft.title, subtitle: draft.subtitle, paragraphs }, target }));
  const saveXlsx = () => shown && void deliver(`Số liệu báo cáo.xlsx`, (target) => call('report.xlsx', { query: shown, target }));

  const years = Array.from({ length: thisYear - 2009 }, (_, index) => String(thisYear - index));
  const rows = shownFigures ? figureRows(shownFigures) : [];

  return (
    <Stack gap="md" p="md">
      <Title order={2}>{t('report.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('report.intro')}
      </Text>
      <Group gap="sm" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('report.periodKind')}
          </Text>
          <SegmentedControl
            aria-label={t('report.periodKind')}
            value={period.kind}
            onChange={(kind) => setPeriod((current) => ({ ...current, kind: kind as PeriodKind }))}
            data={(['quarter', 'half', 'year', 'range'] as const).map((kind) => ({ value: kind, label: t(`report.kinds.${kind}`) }))}
          />
        </Stack>
        {period.kind !== 'range' && <Select label={t('report.year')} data={years} value={period.year} onChange={(year) => year && setPeriod((current) => ({ ...current, year }))} allowDeselect={false} w={100} />}
        {period.kind === 'quarter' && (
          <Select label={t('report.quarter')} data={['1', '2', '3', '4'].map((value) => ({ value, label: ['I', 'II', 'III', 'IV'][Number(value) - 1] as string }))} value={period.quarter} onChange={(quarter) => quarter && setPeriod((current) => ({ ...current, quarter }))} allowDeselect={false} w={90} />
        )}
        {period.kind === 'range' && (
          <>
            <TextInput label={t('report.from')} placeholder="dd/mm/yyyy" value={period.from} onChange={(event) => setPeriod({ ...period, from: event.currentTarget.value })} w={130} />
            <TextInput label={t('report.to')} placeholder="dd/mm/yyyy" value={period.to} onChange={(event) => setPeriod({ ...period, to: event.currentTarget.value })} w={130} />
          </>
        )}
        <MultiSelect label={t('report.wards')} placeholder={wardIds.length === 0 ? t('report.allWards') : undefined} data={catalogues.wards.map((ward) => ({ value: ward.id, label: ward.name }))} value={wardIds} onChange={setWardIds} searchable clearable w={320} />
      </Group>
      {!dates && <Alert color="yellow">{t('report.badPeriod')}</Alert>}

      {shownFigures && (
        <Paper withBorder>
          <Table striped verticalSpacing={4} aria-label={t('report.figures')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t('report.group')}</Table.Th>
                <Table.Th>{t('report.figure')}</Table.Th>
                <Table.Th w={110} ta="right">
                  {t('report.value')}
                </Table.Th>
                <Table.Th w={110} ta="right">
                  {t('report.people')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={`${row.group}|${row.label}`}>
                  <Table.Td>{row.group}</Table.Td>
                  <Table.Td>{row.label}</Table.Td>
                  <Table.Td ta="right">
                    {row.value > 0 ? (
                      <Anchor component="button" type="button" fw={600} onClick={() => setOpened(row)} aria-label={t('report.openRecords', { count: row.value, label: row.label })}>
                        {formatNumber(row.value)}
                      </Anchor>
                    ) : (
                      '0'
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{row.people === null ? '' : formatNumber(row.people)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}

      {draft && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={3}>{t('report.draft')}</Title>
              <Group gap="xs">
                <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => void rewrite()}>
                  {t('report.rewrite')}
                </Button>
                <Checkbox label={t('report.withCharts')} checked={withCharts} onChange={(event) => setWithCharts(event.currentTarget.checked)} />
                <Button leftSection={<IconPrinter size={16} />} onClick={print}>
                  {t('report.print')}
                </Button>
                <Button variant="default" leftSection={<IconFileTypeDocx size={16} />} onClick={saveDocx} loading={busy}>
                  {t('report.docx')}
                </Button>
                <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={saveXlsx} loading={busy}>
                  {t('report.xlsx')}
                </Button>
              </Group>
            </Group>
            {stale && <Alert color="yellow">{t('report.stale')}</Alert>}
            <Group grow>
              <TextInput label={t('report.draftTitle')} value={draft.title} onChange={(event) => edit({ title: event.currentTarget.value })} />
              <TextInput label={t('report.draftSubtitle')} value={draft.subtitle} onChange={(event) => edit({ subtitle: event.currentTarget.value })} />
            </Group>
            <Textarea label={t('report.draftBody')} autosize minRows={10} maxRows={30} value={draft.body} onChange={(event) => edit({ body: event.currentTarget.value })} styles={{ input: { fontFamily: 'Tinos, "Times New Roman", serif', fontSize: 15 } }} />
          </Stack>
        </Paper>
      )}
      {opened && shown && <RecordsModal query={shown} row={opened} onClose={() => setOpened(null)} />}
    </Stack>
  );
}
