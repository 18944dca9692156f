/** The register of assisted individuals: search, filters, counts, the grid (sensitive columns on demand), the record panel. */
import { ActionIcon, Button, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconPrinter, IconSearch } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUPS, SUBJECT_SORT_FIELDS, SUBJECT_STATUSES, type SubjectCounts, type SubjectFilter, type ReintegrationGroup, type SubjectStatus } from '../../../../shared/subjects';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useCatalogues } from '../../app/catalogues-context';
import { CountChips } from '../../components/CountChips';
import { DataGrid, listSort, type GridView, type PageRequest } from '../../components/DataGrid';
import { ExportMenu, exportColumns } from '../../components/ExportMenu';
import { FilterBar } from '../../components/FilterBar';
import { printHref } from '../../print/PrintPage';
import { importHref } from '../imports/wizard';
import { subjectColumns, type SubjectGridRow } from './columns';
import { SubjectPanel, type SubjectTarget } from './SubjectPanel';

const SENSITIVE_COLUMNS = ['idNumber', 'history'];
/** Columns shown or hidden by the page (not by the saved layout): the sensitive ones, and the Trash's note. */
const CONTROLLED_COLUMNS = [...SENSITIVE_COLUMNS, 'trashNote'];
const thisYear = new Date().getFullYear();
const START_YEARS = Array.from({ length: thisYear - 1999 }, (_, index) => String(thisYear - index));

export function SubjectsPage() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [wardId, setWardId] = useState<string | null>(null);
  const [categoryId, setCategoryId] = useState<string | null>(null);
  const [group, setGroup] = useState<ReintegrationGroup | null>(null);
  const [status, setStatus] = useState<SubjectStatus | null>(null);
  const [helperOrgId, setHelperOrgId] = useState<string | null>(null);
  const [startYear, setStartYear] = useState<string | null>(null);
  const [trashed, setTrashed] = useState(false);
  const [sensitive, setSensitive] = useState(false);
  const [panel, setPanel] = useState<SubjectTarget | null>(null);
  const [version, setVersion] = useState(0);
  const [counts, setCounts] = useState<SubjectCounts | null>(null);
  const [registerTotal, setRegisterTotal] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const [view, setView] = useState<GridView | null>(null);

  const filter = useMemo<SubjectFilter>(
    () => ({ search: debouncedSearch, wardId, categoryId, group, status, helperOrgId, startYear: startYear ? Number(startYear) : null, trashed }),
    [debouncedSearch, wardId, categoryId, group, status, helperOrgId, startYear, trashed],
  );
  // The list as the grid shows it, filter and sort, for the printout and the export.
  const listed = useMemo(() => ({ ...filter, sort: listSort(view?.sort, SUBJECT_SORT_FIELDS) }), [filter, view]);
  const fetchKey = `${JSON.stringify(filter)}:${version}:${sensitive}`;

  useEffect(() => {
    let current = true;
    void Promise.all([call('subjects.counts', filter), call('subjects.counts', { trashed })]).then(([filtered, all]) => {
      if (!current) return;
      setCounts(filtered);
      setRegisterTotal(all.total);
    });
    return () => {
      current = false;
    };
  }, [filter, trashed, version]);

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
  const refresh = useCallback(() => setVersion((value) => value + 1), []);

  useHotkeys(
    [
      ['mod+F', () => searchRef.current?.focus()],
      ['mod+N', () => !trashed && setPanel({ kind: 'new' })],
      ['mod+P', () => (window.location.hash = printHref('subjects', listed))],
    ],
    [],
    true,
  );

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
      <Group justify="space-between" wrap="nowrap">
        <Title order={2}>{t('subjects.title')}</Title>
        <Group gap="xs">
          <SegmentedControl
            value={trashed ? 'trash' : 'live'}
            onChange={(value) => setTrashed(value === 'trash')}
            data={[
              { value: 'live', label: t('nav.subjects') },
              { value: 'trash', label: t('common.trashBin') },
            ]}
            aria-label={t('common.trashBin')}
          />
          <Button variant="default" leftSection={<IconPrinter size={16} />} component="a" href={printHref('subjects', listed)}>
            {t('common.print')}
          </Button>
          <ExportMenu build={(format) => ({ register: 'subjects', format, filter: listed, columns: exportColumns('subjects', view) })} />
          <Tooltip label={t('common.importExcel')}>
            <ActionIcon variant="default" size="input-sm" component="a" href={importHref('subjects')} aria-label={t('common.importExcel')}>
              <IconFileImport size={18} />
            </ActionIcon>
          </Tooltip>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setPanel({ kind: 'new' })} disabled={trashed}>
            {t('common.add')}
          </Button>
        </Group>
      </Group>

      <FilterBar
        active={activeFilters}
        onClear={clearFilters}
        search={
          <TextInput
            ref={searchRef}
            style={{ flex: 1, minWidth: 260, maxWidth: 520 }}
            aria-label={t('common.search')}
            placeholder={t('subjects.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
          />
        }
        end={
          <>
            <Text fw={600} aria-live="polite" data-testid="subjects-count">
              {t('common.showing', { shown: formatNumber(counts?.total ?? 0), total: formatNumber(registerTotal), what: t('subjects.unit') })}
            </Text>
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
        fetchKey={fetchKey}
        onViewChange={setView}
        controlledColumns={CONTROLLED_COLUMNS}
        onRowOpen={(row) => setPanel({ kind: 'existing', id: row.id })}
        ariaLabel={t('subjects.title')}
      />

      <SubjectPanel key={panel ? (panel.kind === 'new' ? 'new' : panel.id) : 'closed'} target={panel} onClose={() => setPanel(null)} onOpen={setPanel} onChanged={refresh} />
    </Stack>
  );
}
