/** The register of self-governance models: search, filters, counts, the grid, and the record panel. */
import { Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MODEL_SORT_FIELDS, MODEL_STATUSES, type ModelFilter, type ModelRow, type ModelStatus } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { linkedFilter } from '../../components/register-link';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { CountChips } from '../../components/CountChips';
import { DataGrid, listSort, type PageRequest } from '../../components/DataGrid';
import { exportColumns } from '../../components/ExportMenu';
import { FilterBar } from '../../components/FilterBar';
import { RegisterToolbar } from '../../components/RegisterToolbar';
import { SearchBox } from '../../components/SearchBox';
import { ShownCount } from '../../components/ShownCount';
import { panelKey } from '../../components/useRecordPanel';
import { useRegister, useRegisterCounts, useRegisterHotkeys } from '../../components/useRegister';
import { printHref } from '../../print/PrintPage';
import { importHref } from '../imports/wizard';
import { modelColumns } from './columns';
import { ModelPanel } from './ModelPanel';

const countModels = (filter: ModelFilter) => call('models.counts', filter);

export function ModelsPage() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const { search, setSearch, debouncedSearch, trashed, setTrashed, panel, setPanel, version, refresh, view, setView } = useRegister();
  // Opened from a chart: the filter it links to.
  const [typeId, setTypeId] = useState<string | null>(() => linkedFilter('typeId'));
  const [wardId, setWardId] = useState<string | null>(() => linkedFilter('wardId'));
  const [status, setStatus] = useState<ModelStatus | null>(() => linkedFilter('status') as ModelStatus | null);

  const filter = useMemo<ModelFilter>(() => ({ search: debouncedSearch, typeId, wardId, status, trashed }), [debouncedSearch, typeId, wardId, status, trashed]);
  // The list as the grid shows it, filter and sort, for the printout and the export.
  const listed = useMemo(() => ({ ...filter, sort: listSort(view?.sort, MODEL_SORT_FIELDS) }), [filter, view]);
  const { counts, registerTotal } = useRegisterCounts(countModels, filter, version);

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
  const addModel = () => setPanel({ kind: 'new' });
  const searchRef = useRegisterHotkeys({ trashed, printHref: printHref('models', listed), onAdd: addModel });

  return (
    <Stack gap="sm" h="100%">
      <RegisterToolbar
        title={t('models.title')}
        liveLabel={t('nav.models')}
        trashed={trashed}
        onTrashedChange={setTrashed}
        printHref={printHref('models', listed)}
        exportInput={(format) => ({ register: 'models', format, filter: listed, columns: exportColumns('models', view) })}
        importHref={importHref('models')}
        onAdd={addModel}
      />

      <FilterBar
        active={[typeId, wardId, status].filter((value) => value !== null).length}
        onClear={() => {
          setTypeId(null);
          setWardId(null);
          setStatus(null);
        }}
        search={<SearchBox ref={searchRef} placeholder={t('models.searchPlaceholder')} value={search} onChange={setSearch} />}
        end={
          <>
            <ShownCount shown={counts?.total ?? 0} total={registerTotal} unit={t('models.unit')} testId="models-count" announce />
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
          fetchKey={`${JSON.stringify(filter)}:${version}`}
          onViewChange={setView}
          onRowOpen={(row) => setPanel({ kind: 'existing', id: row.id })}
          ariaLabel={t('models.title')}
        />
      )}

      <ModelPanel key={panelKey(panel)} target={panel} onClose={() => setPanel(null)} onOpen={setPanel} onChanged={refresh} />
    </Stack>
  );
}
