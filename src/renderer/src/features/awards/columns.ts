import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { wrapping } from '../../components/DataGrid';
import { NOMINATION_SORT_FIELDS, type Nomination } from '../../../../shared/awards';
import { formatNumber } from '../../../../shared/text';
import { formatDate } from '../../../../shared/dates';

const sortable = (colId: string) => (NOMINATION_SORT_FIELDS as readonly string[]).includes(colId);

export function nominationColumns(t: TFunction): ColDef<Nomination>[] {
  const columns: ColDef<Nomination>[] = [
    { colId: 'nomineeName', field: 'nomineeName', headerName: t('awards.nomineeName'), flex: 2, minWidth: 280, ...wrapping },
    { colId: 'kind', field: 'kind', headerName: t('awards.kind'), width: 150, valueFormatter: (p) => (p.value ? t(`kind.${p.value}`) : '') },
    { colId: 'unit', field: 'unit', headerName: t('awards.nomineeUnit'), width: 220, ...wrapping },
    { colId: 'wardName', field: 'wardName', headerName: t('awards.ward'), width: 150 },
    { colId: 'formName', field: 'formName', headerName: t('awards.form'), width: 170, ...wrapping },
    { colId: 'tipsProvided', field: 'tipsProvided', headerName: t('awards.tipsProvided'), width: 130, type: 'numericColumn', valueFormatter: (p) => formatNumber(p.value ?? 0), hide: true },
    { colId: 'status', field: 'status', headerName: t('awards.status'), width: 130, valueFormatter: (p) => (p.value ? t(`nominationStatus.${p.value}`) : '') },
    { colId: 'decision', headerName: t('awards.decision'), width: 200, ...wrapping, valueGetter: (p) => (p.data?.decisionNumber ? `${p.data.decisionNumber}, ${formatDate(p.data.decisionDate)}` : '') },
    { colId: 'roundName', field: 'roundName', headerName: t('awards.round'), width: 220, hide: true, ...wrapping },
  ];
  return columns.map((column) => ({ ...column, sortable: sortable(column.colId ?? '') }));
}
