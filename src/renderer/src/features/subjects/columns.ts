/** The individuals grid's columns; the sensitive ones (ID number, history) stay hidden until asked for. */
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { wrapping } from '../../components/DataGrid';
import { formatBirth, personLabel, SUBJECT_SORT_FIELDS, type SubjectRow, type SubjectSensitive } from '../../../../shared/subjects';
import { formatDate, formatDateTime } from '../../../../shared/dates';

export type SubjectGridRow = SubjectRow & Partial<Omit<SubjectSensitive, 'id'>>;

const sortable = (colId: string) => (SUBJECT_SORT_FIELDS as readonly string[]).includes(colId);

export function subjectColumns(t: TFunction, options: { trashed: boolean; sensitive: boolean }): ColDef<SubjectGridRow>[] {
  const columns: ColDef<SubjectGridRow>[] = [
    { colId: 'rosterName', field: 'fullName', headerName: t('subjects.fullName'), width: 210, pinned: 'left', ...wrapping },
    // In the Trash: why a record is there, a merged one with the record it went into ("Hoàn tác gộp" in its panel).
    {
      colId: 'trashNote',
      headerName: t('subjects.trashNote'),
      width: 340,
      hide: !options.trashed,
      tooltipValueGetter: (p) => p.value,
      valueGetter: (p) => (p.data ? (p.data.mergedIntoRecord ? t('subjects.trashMerged', { name: personLabel(p.data.mergedIntoRecord) }) : t('subjects.trashDeleted')) : ''),
    },
    { colId: 'alias', field: 'alias', headerName: t('subjects.alias'), width: 120, hide: true },
    { colId: 'birth', headerName: t('subjects.birth'), width: 170, valueGetter: (p) => (p.data ? formatBirth(p.data.birthDate, p.data.birthYear) : '') },
    { colId: 'gender', field: 'gender', headerName: t('subjects.gender'), width: 105, valueFormatter: (p) => (p.value ? t(`gender.${p.value}`) : '') },
    { colId: 'idNumber', field: 'idNumber', headerName: t('subjects.idNumber'), width: 160, hide: !options.sensitive },
    { colId: 'wardName', field: 'wardName', headerName: t('subjects.ward'), width: 150 },
    { colId: 'neighbourhoodName', field: 'neighbourhoodName', headerName: t('subjects.neighbourhood'), width: 110, hide: true },
    { colId: 'currentAddress', field: 'currentAddress', headerName: t('subjects.currentAddress'), width: 230, ...wrapping },
    { colId: 'categoryName', field: 'categoryName', headerName: t('subjects.category'), width: 250, ...wrapping },
    { colId: 'group', field: 'reintegrationGroup', headerName: t('subjects.group'), width: 80 },
    { colId: 'history', field: 'history', headerName: t('subjects.history'), width: 260, hide: !options.sensitive, ...wrapping },
    { colId: 'startDate', field: 'startDate', headerName: t('subjects.startDate'), width: 140, valueFormatter: (p) => formatDate(p.value) },
    { colId: 'plannedEndDate', field: 'plannedEndDate', headerName: t('subjects.plannedEndDate'), width: 150, valueFormatter: (p) => formatDate(p.value) },
    { colId: 'lastReviewOn', field: 'lastReviewOn', headerName: t('subjects.lastReviewOn'), width: 140, valueFormatter: (p) => formatDate(p.value) },
    { colId: 'helperName', field: 'helperName', headerName: t('subjects.helperName'), width: 180, ...wrapping },
    { colId: 'helperOrgName', field: 'helperOrgName', headerName: t('subjects.helperOrg'), width: 170, hide: true, ...wrapping },
    { colId: 'status', field: 'status', headerName: t('subjects.status'), width: 130, valueFormatter: (p) => (p.value ? t(`subjectStatus.${p.value}`) : '') },
    { colId: 'updatedAt', field: options.trashed ? 'deletedAt' : 'updatedAt', headerName: options.trashed ? t('models.deletedAt') : t('models.updatedAt'), width: 150, hide: !options.trashed, valueFormatter: (p) => formatDateTime(p.value) },
  ];
  return columns.map((column) => ({ ...column, sortable: sortable(column.colId ?? '') }));
}
