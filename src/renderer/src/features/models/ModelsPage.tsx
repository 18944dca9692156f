/** The register of self-governance models: search, filters, counts, the grid, and the record panel. */
import { ActionIcon, Button, Group, Paper, SegmentedControl, Select, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconPrinter, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODEL_SORT_FIELDS, MODEL_STATUSES, type ModelCounts, type ModelFilter, type ModelRow, type ModelStatus } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { CountChips } from '../../components/CountChips';
import { DataGrid, listSort, type GridView, type PageRequest } from '../../components/DataGrid';
import { ExportMenu, exportColumns } from '../../components/ExportMenu';
import { FilterBar } from '../../components/FilterBar';
import { printHref } from '../../print/PrintPage';
import { importHref } from '../imports/wizard';
import { modelColumns } from './columns';
import { ModelPanel, type PanelTarget } from './ModelPanel';


export function ModelsPage() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [typeId, setTypeId] = useState<string | null>(null);
  const [wardId, setWardId] = useState<string | null>(null);
  const [status, setStatus] = useState<ModelStatus | null>(null);
  const [trashed, setTrashed] = useState(false);
  const [panel, setPanel] = useState<PanelTarget | null>(null);
  const [version, setVersion] = useState(0);
  const [counts, setCounts] = useState<ModelCounts | null>(null);
  const [registerTotal, setRegisterTotal] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<GridView | null>(null);

  const filter = useMemo<ModelFilter>(() => ({ search: debouncedSearch, typeId, wardId, status, trashed }), [debouncedSearch, typeId, wardId, status, trashed]);
  // The list as the grid shows it, filter and sort, for the printout and the export.
  const listed = useMemo(() => ({ ...filter, sort: listSort(view?.sort, MODEL_SORT_FIELDS) }), [filter, view]);
  const fetchKey = `${JSON.stringify(filter)}:${version}`;

  useEffect(() => {
    let current = true;
    void Promise.all([call('models.counts', filter), call('models.counts', { trashed })]).then(([filtered, all]) => {
      if (!current) return;
      setCounts(filtered);
      setRegisterTotal(all.total);
    });
    return () => {
      current = false;
    };
  }, [filter, trashed, version]);

  const fetchPage = useCallback(
    ({ offset, limit, sort }: PageRequest) =>
      call('models.list', {
        ...filter,
        offset,
        limit,
        sort: listSort(sort, MODEL_SORT_FIELDS),
      }),
    [filter],
  );

  const columns = useMemo(() => modelColumns(t, trashed), [t, trashed]);
  const refresh = useCallback(() => setVersion((value) => value + 1), []);

  useHotkeys([
    ['mod+F', () => searchRef.current?.focus()],
    ['mod+P', () => (window.location.hash = printHref('models', listed))],
    ['mod+N', () => !trashed && setPanel({ kind: 'new' })],
  ], [], true);

  return (
    <Stack gap="sm" h="100%">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t('models.title')}</Title>
        <Group gap="xs">
          <SegmentedControl
            value={trashed ? 'trash' : 'live'}
            onChange={(value) => setTrashed(value === 'trash')}
            data={[
              { value: 'live', label: t('nav.models') },
              { value: 'trash', label: t('common.trashBin') },
            ]}
            aria-label={t('common.trashBin')}
          />
          <Button variant="default" leftSection={<IconPrinter size={16} />} component="a" href={printHref('models', listed)}>
            {t('common.print')}
          </Button>
          <ExportMenu build={(format) => ({ register: 'models', format, filter: listed, columns: exportColumns('models', view) })} />
          <Tooltip label={t('common.importExcel')}>
            <ActionIcon variant="default" size="input-sm" component="a" href={importHref('models')} aria-label={t('common.importExcel')}>
              <IconFileImport size={18} />
            </ActionIcon>
          </Tooltip>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setPanel({ kind: 'new' })} disabled={trashed}>
            {t('common.add')}
          </Button>
        </Group>
      </Group>

      <FilterBar
        active={[typeId, wardId, status].filter((value) => value !== null).length}
        onClear={() => {
          setTypeId(null);
          setWardId(null);
          setStatus(null);
        }}
        search={
          <TextInput
            ref={searchRef}
            style={{ flex: 1, minWidth: 260, maxWidth: 520 }}
            aria-label={t('common.search')}
            placeholder={t('models.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
          />
        }
        end={
          <>
            <Text fw={600} aria-live="polite" data-testid="models-count">
              {t('common.showing', { shown: formatNumber(counts?.total ?? 0), total: formatNumber(registerTotal), what: t('models.unit') })}
            </Text>
            {!trashed && counts && (
              <Text size="sm" c="dimmed">
                {t('models.totalMembers')}: {formatNumber(counts.members)}
              </Text>
            )}
          </>
        }
      >
        <Stack gap="xs">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select label={t('models.type')} placeholder={t('common.all')} clearable searchable data={catalogueOptions(catalogues.modelTypes, typeId)} value={typeId} onChange={setTypeId} w={230} />
            <Select label={t('models.ward')} placeholder={t('common.all')} clearable searchable data={catalogues.wards.map((ward) => ({ value: ward.id, label: ward.name }))} value={wardId} onChange={setWardId} w={190} />
            <Select
              label={t('models.status')}
              placeholder={t('common.all')}
              clearable
              data={MODEL_STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
              value={status}
              onChange={(value) => setStatus(value as ModelStatus | null)}
              w={150}
            />
          </Group>
          {counts && <CountChips label={t('models.countsByType')} items={counts.byType.map((item) => ({ ...item, key: item.id }))} />}
          {counts && <CountChips label={t('models.countsByWard')} items={counts.byWard.map((item) => ({ ...item, key: item.id }))} />}
        </Stack>
      </FilterBar>

      {registerTotal === 0 && !trashed && counts ? (
        <Paper withBorder p="xl" ta="center">
          <Text>{t('models.empty')}</Text>
        </Paper>
      ) : (
        <DataGrid<ModelRow>
          layoutKey="grid:models"
          pending={search !== debouncedSearch}
          columns={columns}
          fetchPage={fetchPage}
          fetchKey={fetchKey}
          onViewChange={setView}
          onRowOpen={(row) => setPanel({ kind: 'existing', id: row.id })}
          ariaLabel={t('models.title')}
        />
      )}

      <ModelPanel key={panel ? (panel.kind === 'new' ? 'new' : panel.id) : 'closed'} target={panel} onClose={() => setPanel(null)} onOpen={setPanel} onChanged={refresh} />
    </Stack>
  );
}
