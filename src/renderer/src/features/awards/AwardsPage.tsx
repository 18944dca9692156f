/** Khen thưởng: award rounds, their nominations (grid, search, filters, counts) and the official list. */
import { Alert, Badge, Button, Group, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLock, IconLockOpen, IconPencil, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { NOMINATION_SORT_FIELDS, NOMINATION_STATUSES, type Nomination, type NominationStatus, type NomineeKind, type RoundCounts, type RoundSummary } from '../../../../shared/awards';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useCatalogues } from '../../app/catalogues-context';
import { useConfirm } from '../../components/confirm';
import { CountChips } from '../../components/CountChips';
import { FilterBar } from '../../components/FilterBar';
import { DataGrid, listSort, type PageRequest } from '../../components/DataGrid';
import { GuardedModal } from '../../components/GuardedModal';
import { ExportMenu } from '../../components/ExportMenu';
import { notifyError, notifySaved } from '../../components/notify';
import { SearchBox } from '../../components/SearchBox';
import { ShownCount } from '../../components/ShownCount';
import { panelKey } from '../../components/useRecordPanel';
import { printHref } from '../../print/PrintPage';
import { nominationColumns } from './columns';
import { NominationPanel, type NominationTarget } from './NominationPanel';
import { RoundForm } from './RoundForm';
import { RoundListView } from './RoundListView';


/** "19 tập thể, 18 cá nhân" */
export function countsLine(t: TFunction, counts: RoundCounts) {
  const of = (kind: NomineeKind) => counts.byKind.find((item) => item.kind === kind)?.count ?? 0;
  return t('awards.countsLine', { collectives: formatNumber(of('tap_the')), individuals: formatNumber(of('ca_nhan')) });
}

export function AwardsPage() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const { catalogues } = useCatalogues();
  const [rounds, setRounds] = useState<RoundSummary[] | null>(null);
  const [roundId, setRoundId] = useState<string | null>(null);
  const [roundForm, setRoundForm] = useState<'new' | 'edit' | null>(null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [kind, setKind] = useState<NomineeKind | null>(null);
  const [formId, setFormId] = useState<string | null>(null);
  const [status, setStatus] = useState<NominationStatus | null>(null);
  const [wardId, setWardId] = useState<string | null>(null);
  const [panel, setPanel] = useState<NominationTarget | null>(null);
  const [version, setVersion] = useState(0);
  const [filtered, setFiltered] = useState<RoundCounts | null>(null);

  const loadRounds = useCallback(
    (select?: string) =>
      call('rounds.all', {}).then((loaded) => {
        setRounds(loaded);
        setRoundId((current) => select ?? current ?? loaded[0]?.id ?? null);
      }, notifyError),
    [],
  );
  useEffect(() => {
    void loadRounds();
  }, [loadRounds]);

  const round = rounds?.find((item) => item.id === roundId) ?? null;
  const closed = round?.status === 'closed';
  const filter = useMemo(() => ({ search: debouncedSearch, roundId, kind, formId, status, wardId }), [debouncedSearch, roundId, kind, formId, status, wardId]);
  const refresh = useCallback(() => {
    setVersion((value) => value + 1);
    void loadRounds();
  }, [loadRounds]);

  useEffect(() => {
    call('nominations.counts', filter).then(setFiltered, () => setFiltered(null));
  }, [filter, version]);

  const fetchPage = useCallback(
    ({ offset, limit, sort }: PageRequest) =>
      call('nominations.list', {
        ...filter,
        offset,
        limit,
        sort: listSort(sort, NOMINATION_SORT_FIELDS),
      }),
    [filter],
  );
  const columns = useMemo(() => nominationColumns(t), [t]);

  const toggleClosed = async () => {
    if (!round) return;
    if (!closed && !(await confirm({ title: t('awards.close'), message: t('awards.closeConfirm', { name: round.name }), confirmLabel: t('awards.close') }))) return;
    try {
      await call(closed ? 'rounds.reopen' : 'rounds.close', { id: round.id });
      notifySaved(closed ? t('awards.reopenedDone') : t('awards.closedDone'));
      refresh();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  if (!rounds) return null;
  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between">
        <Title order={2}>{t('awards.title')}</Title>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setRoundForm('new')}>
            {t('awards.addRound')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} disabled={!round || closed} onClick={() => round && setPanel({ kind: 'new', roundId: round.id })}>
            {t('awards.addNomination')}
          </Button>
        </Group>
      </Group>

      {rounds.length === 0 ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{t('awards.noRound')}</Text>
        </Paper>
      ) : (
        <Paper withBorder p="sm">
          <Group justify="space-between" align="flex-end">
            <Select
              label={t('awards.round')}
              data={rounds.map((item) => ({ value: item.id, label: item.name }))}
              value={roundId}
              onChange={setRoundId}
              allowDeselect={false}
              w={420}
            />
            {round && (
              <Group gap="xs">
                <Badge color={closed ? 'gray' : 'teal'} variant="light" size="lg" tt="none" leftSection={closed ? <IconLock size={14} /> : <IconLockOpen size={14} />}>
                  {closed ? t('awards.closed') : t('awards.open')}
                </Badge>
                <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} disabled={closed} onClick={() => setRoundForm('edit')}>
                  {t('awards.editRound')}
                </Button>
                <Button size="xs" variant={closed ? 'light' : 'filled'} color={closed ? 'teal' : 'gray'} onClick={() => void toggleClosed()}>
                  {closed ? t('awards.reopen') : t('awards.close')}
                </Button>
              </Group>
            )}
          </Group>
          {round && (
            <Stack gap={2} mt="xs">
              {round.occasion && <Text size="sm">{round.occasion}</Text>}
              <Text size="sm" c="dimmed">
                {t('awards.period')}: {round.periodFrom}–{round.periodTo}
                {round.authority ? ` · ${t('awards.authority')}: ${round.authority}` : ''}
              </Text>
              <Text fw={600} data-testid="round-counts">
                {countsLine(t, round.counts)}
              </Text>
            </Stack>
          )}
          {closed && (
            <Alert color="gray" mt="xs" icon={<IconLock size={16} />}>
              {t('awards.closedNotice')}
            </Alert>
          )}
        </Paper>
      )}

      {round && (
        <Tabs defaultValue="nominations" style={{ flex: 1, display: 'flex', flexDirection: 'column' }} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="nominations">{t('awards.nominations')}</Tabs.Tab>
            <Tabs.Tab value="list">{t('awards.officialList')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="nominations" pt="sm" style={{ flex: 1, display: 'flex', flexDirection: 'column', gap: 8 }}>
            <FilterBar
              active={[kind, formId, status, wardId].filter((value) => value !== null).length}
              onClear={() => {
                setKind(null);
                setFormId(null);
                setStatus(null);
                setWardId(null);
              }}
              search={<SearchBox minWidth={220} placeholder={t('awards.searchPlaceholder')} value={search} onChange={setSearch} />}
              end={
                filtered && (
                  <ShownCount shown={filtered.total} total={round.counts.total} unit={t('awards.unit')} testId="nominations-count" />
                )
              }
            >
              <Stack gap="xs">
                <Group gap="sm" align="flex-end" wrap="wrap">
                  <Select label={t('awards.kind')} placeholder={t('common.all')} clearable data={[{ value: 'tap_the', label: t('kind.tap_the') }, { value: 'ca_nhan', label: t('kind.ca_nhan') }]} value={kind} onChange={(value) => setKind(value as NomineeKind | null)} w={150} />
                  <Select label={t('awards.form')} placeholder={t('common.all')} clearable data={catalogues.awardForms.map((form) => ({ value: form.id, label: form.name }))} value={formId} onChange={setFormId} w={170} />
                  <Select label={t('awards.status')} placeholder={t('common.all')} clearable data={NOMINATION_STATUSES.map((value) => ({ value, label: t(`nominationStatus.${value}`) }))} value={status} onChange={(value) => setStatus(value as NominationStatus | null)} w={150} />
                  <Select label={t('awards.ward')} placeholder={t('common.all')} clearable searchable data={catalogues.wards.map((ward) => ({ value: ward.id, label: ward.name }))} value={wardId} onChange={setWardId} w={170} />
                </Group>
                {filtered && <CountChips label={t('awards.form')} items={filtered.byForm.map((item) => ({ ...item, key: item.id }))} />}
                {filtered && <CountChips label={t('awards.status')} items={filtered.byStatus.map((item) => ({ key: item.status, name: t(`nominationStatus.${item.status}`), count: item.count }))} />}
              </Stack>
            </FilterBar>
            <DataGrid<Nomination>
              layoutKey="grid:nominations"
              pending={search !== debouncedSearch}
              columns={columns}
              fetchPage={fetchPage}
              fetchKey={`${JSON.stringify(filter)}:${version}`}
              onRowOpen={(row) => setPanel({ kind: 'existing', id: row.id })}
              ariaLabel={t('awards.nominations')}
            />
          </Tabs.Panel>
          <Tabs.Panel value="list" pt="sm">
            <Group justify="flex-end" mb="xs">
              <Button variant="default" leftSection={<IconPrinter size={16} />} component="a" href={printHref('round', { id: round.id })}>
                {t('common.print')}
              </Button>
              <ExportMenu build={(format) => ({ register: 'round', format, roundId: round.id })} />
            </Group>
            <RoundListView roundId={round.id} version={version} />
          </Tabs.Panel>
        </Tabs>
      )}

      <GuardedModal opened={roundForm !== null} onClose={() => setRoundForm(null)} title={roundForm === 'new' ? t('awards.addRound') : t('awards.editRound')} size="lg">
        {roundForm !== null && (
          <RoundForm
            round={roundForm === 'edit' ? round : null}
            onDone={(saved) => {
              setRoundForm(null);
              void loadRounds(saved.id);
            }}
          />
        )}
      </GuardedModal>
      <NominationPanel
        key={panelKey(panel)}
        target={panel}
        roundClosed={closed}
        onClose={() => setPanel(null)}
        onOpen={setPanel}
        onChanged={refresh}
      />
    </Stack>
  );
}
