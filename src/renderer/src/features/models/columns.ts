/** The models grid's columns; `field` names match the API's sort fields where a column can be sorted. */
import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { wrapping } from '../../components/DataGrid';
import { memberCountText } from './member-count';
import { MODEL_SORT_FIELDS, type ModelRow } from '../../../../shared/models';
import { formatDate, formatDateTime } from '../../../../shared/dates';

const sortable = (field: string) => (MODEL_SORT_FIELDS as readonly string[]).includes(field);

export function modelColumns(t: TFunction, trashed: boolean): ColDef<ModelRow>[] {
  const columns: ColDef<ModelRow>[] = [
    { colId: 'name', field: 'name', headerName: t('models.name'), flex: 2, minWidth: 280, ...wrapping },
    { colId: 'typeName', field: 'typeName', headerName: t('models.type'), width: 190, ...wrapping },
    { colId: 'wardName', field: 'wardName', headerName: t('models.ward'), width: 150 },
    { colId: 'neighbourhoodName', field: 'neighbourhoodName', headerName: t('models.neighbourhood'), width: 110 },
    { colId: 'leaderName', field: 'leaderName', headerName: t('models.leaderName'), width: 200, ...wrapping },
    { colId: 'leaderPhone', field: 'leaderPhone', headerName: t('models.leaderPhone'), width: 130, hide: true },
    { colId: 'memberCount', field: 'memberCount', headerName: t('models.memberCount'), width: 165, type: 'numericColumn', valueFormatter: (p) => (p.data ? memberCountText(t, p.data) : '') },
    { colId: 'foundedOn', field: 'foundedOn', headerName: t('models.foundedOn'), width: 140, valueFormatter: (p) => formatDate(p.value) },
    { colId: 'status', field: 'status', headerName: t('models.status'), width: 130, valueFormatter: (p) => (p.value ? t(`status.${p.value}`) : '') },
    { colId: 'latestRating', field: 'latestRating', headerName: t('models.latestRating'), width: 150, valueFormatter: (p) => (p.value ? `${t(`rating.${p.value}`)} (${p.data?.latestRatingYear ?? ''})` : '') },
    { colId: 'address', field: 'address', headerName: t('models.address'), width: 260, hide: true, ...wrapping },
    { colId: 'updatedAt', field: trashed ? 'deletedAt' : 'updatedAt', headerName: trashed ? t('models.deletedAt') : t('models.updatedAt'), width: 150, hide: !trashed, valueFormatter: (p) => formatDateTime(p.value) },
  ];
  return columns.map((column) => ({ ...column, sortable: sortable(column.colId ?? '') }));
}
