/** The register of assisted individuals: search, filters, counts, the grid (sensitive columns on demand), the record panel. */
import { Group, Select, Stack, Switch, Tooltip } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUPS, SUBJECT_SORT_FIELDS, SUBJECT_STATUSES, type SubjectFilter, type ReintegrationGroup, type SubjectStatus } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { linkedFilter } from '../../components/register-link';
import { useCatalogues } from '../../app/catalogues-context';
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
import { subjectColumns, type SubjectGridRow } from './columns';
import { SubjectPanel } from './SubjectPanel';

const SENSITIVE_COLUMNS = ['idNumber', 'history'];
/** Columns shown or hidden by the page (not by the saved layout): the sensitive ones, and the Trash's note. */
const CONTROLLED_COLUMNS = [...SENSITIVE_COLUMNS, 'trashNote'];
const thisYear = new Date().getFullYear();
const START_YEARS = Array.from({ length: thisYear - 1999 }, (_, index) => String(thisYear - index));

const countSubjects = (filter: SubjectFilter) => call('subjects.counts', filter);

export function SubjectsPage() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const { search, setSearch, debouncedSearch, trashed, setTrashed, panel, setPanel, version, refresh, view, setView } = useRegister();
  // Opened from a chart: the filter it links to.
  const [wardId, setWardId] = useState<string | null>(() => linkedFilter('wardId'));
  const [categoryId, setCategoryId] = useState<string | null>(() => linkedFilter('categoryId'));
  const [group, setGroup] = useState<ReintegrationGroup | null>(null);
  const [status, setStatus] = useState<SubjectStatus | null>(() => linkedFilter('status') as SubjectStatus | null);
  const [helperOrgId, setHelperOrgId] = useState<string | null>(null);
  const [startYear, setStartYear] = useState<string | null>(null);
  const [sensitive, setSensitive] = useState(false);

  const filter = useMemo<SubjectFilter>(
    () => ({ search: debouncedSearch, wardId, categoryId, group, status, helperOrgId, startYear: startYear ? Number(startYear) : null, trashed }),
    [debouncedSearch, wardId, categoryId, group, status, helperOrgId, startYear, trashed],
  );
  // The list as the grid shows it, filter and sort, for the printout and the export.
  const listed = useMemo(() => ({ ...filter, sort: listSort(view?.sort, SUBJECT_SORT_FIELDS) }), [filter, view]);
  const { counts, registerTotal } = useRegisterCounts(countSubjects, filter, version);

  const fetchPage = useCallback(
    async ({ offset, limit, sort }: PageRequest) => {
      const page = await call('subjects.list', {
        ...filter,
        offset,
        limit,
        sort: listSort(sort, SUBJECT_SORT_FIELDS),
      });
      if (!sensitive || page.rows.length === 0) return page;
      const hidden = new Map((await call('subjects.sensitive', { ids: page.rows.map((row) => row.id) })).map((row) => [row.id, row]));
      return { ...page, rows: page.rows.map((row): SubjectGridRow => ({ ...row, idNumber: hidden.get(row.id)?.idNumber ?? null, history: hidden.get(row.id)?.history ?? null })) };
    },
    [filter, sensitive],
  );

  const columns = useMemo(() => subjectColumns(t, { trashed, sensitive }), [t, trashed, sensitive]);
  const addSubject = () => setPanel({ kind: 'new' });
  const searchRef = useRegisterHotkeys({ trashed, printHref: printHref('subjects', listed), onAdd: addSubject });

  const activeFilters = [wardId, categoryId, group, status, helperOrgId, startYear].filter((value) => value !== null).length;
  const clearFilters = () => {
    setWardId(null);
    setCategoryId(null);
    setGroup(null);
    setStatus(null);
    setHelperOrgId(null);
    setStartYear(null);
  };

  const options = (items: { id: string; name: string }[]) => items.map((item) => ({ value: item.id, label: item.name }));

  return (
    <Stack gap="sm" h="100%">
      <RegisterToolbar
        title={t('subjects.title')}
        liveLabel={t('nav.subjects')}
        trashed={trashed}
        onTrashedChange={setTrashed}
        printHref={printHref('subjects', listed)}
        exportInput={(format) => ({ register: 'subjects', format, filter: listed, columns: exportColumns('subjects', view) })}
        importHref={importHref('subjects')}
        onAdd={addSubject}
      />

      <FilterBar
        active={activeFilters}
        onClear={clearFilters}
        search={<SearchBox ref={searchRef} placeholder={t('subjects.searchPlaceholder')} value={search} onChange={setSearch} />}
        end={
          <>
            <ShownCount shown={counts?.total ?? 0} total={registerTotal} unit={t('subjects.unit')} testId="subjects-count" announce />
            <Tooltip label={t('subjects.sensitiveHint')}>
              <Switch ml="auto" label={t('subjects.showSensitive')} checked={sensitive} onChange={(event) => setSensitive(event.currentTarget.checked)} />
            </Tooltip>
          </>
        }
      >
        <Stack gap="xs">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select label={t('subjects.ward')} placeholder={t('common.all')} clearable searchable data={options(catalogues.wards)} value={wardId} onChange={setWardId} w={160} />
            <Select label={t('subjects.category')} placeholder={t('common.all')} clearable data={options(catalogues.subjectCategories)} value={categoryId} onChange={setCategoryId} w={220} />
            <Select label={t('subjects.group')} placeholder={t('common.all')} clearable data={GROUPS.map((value) => ({ value, label: `Nhóm ${value}` }))} value={group} onChange={(value) => setGroup(value as ReintegrationGroup | null)} w={130} />
            <Select
              label={t('subjects.status')}
              placeholder={t('common.all')}
              clearable
              data={SUBJECT_STATUSES.map((value) => ({ value, label: t(`subjectStatus.${value}`) }))}
              value={status}
              onChange={(value) => setStatus(value as SubjectStatus | null)}
              w={170}
            />
            <Select label={t('subjects.helperOrg')} placeholder={t('common.all')} clearable data={options(catalogues.helperOrgs)} value={helperOrgId} onChange={setHelperOrgId} w={180} />
            <Select label={t('subjects.startYear')} placeholder={t('common.all')} clearable data={START_YEARS} value={startYear} onChange={setStartYear} w={120} />
          </Group>
          {counts && <CountChips label={t('subjects.countsByCategory')} items={counts.byCategory.map((item) => ({ ...item, key: item.id }))} />}
          {counts && <CountChips label={t('subjects.countsByStatus')} items={counts.byStatus.map((item) => ({ key: item.status, name: t(`subjectStatus.${item.status}`), count: item.count }))} />}
        </Stack>
      </FilterBar>

      <DataGrid<SubjectGridRow>
        layoutKey="grid:subjects"
        pending={search !== debouncedSearch}
        columns={columns}
        fetchPage={fetchPage}
        fetchKey={`${JSON.stringify(filter)}:${version}:${sensitive}`}
        onViewChange={setView}
        controlledColumns={CONTROLLED_COLUMNS}
        onRowOpen={(row) => setPanel({ kind: 'existing', id: row.id })}
        ariaLabel={t('subjects.title')}
      />

      <SubjectPanel key={panelKey(panel)} target={panel} onClose={() => setPanel(null)} onOpen={setPanel} onChanged={refresh} />
    </Stack>
  );
}
