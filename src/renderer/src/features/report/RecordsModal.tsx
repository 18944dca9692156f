/** The records behind one figure of the period report, a page at a time. */
import { Button, Modal, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatDate } from '../../../../shared/dates';
import type { ReportQueryInput, ReportRecord, ReportRecords } from '../../../../shared/report';
import type { FigureRow } from '../../../../shared/report-text';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { notifyError } from '../../components/notify';

const PAGE = 200;

/** A day, a month's total ("10/2018") or a year, as stored. */
const shownDate = (iso: string | null) => (!iso ? '' : iso.length === 7 ? `${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso.length === 4 ? iso : formatDate(iso));

function detail(record: ReportRecord, t: TFunction): string {
  switch (record.register) {
    case 'activity':
      return t('report.amount', { events: formatNumber(record.events ?? 0), participants: formatNumber(record.participants ?? 0) });
    case 'tip':
      return t(`report.outcome.${record.status ?? 'none'}`);
    case 'subject':
      return t(`subjectStatus.${record.status ?? 'dang_giup_do'}`);
    case 'model':
      return `${record.status ?? ''} — ${t('report.members', { count: record.members ?? 0 })}`;
    case 'nomination':
      return t(`kind.${record.status ?? 'tap_the'}`);
    case 'standard':
      return t(`standards.results.${record.status ?? 'dang_ky'}`);
    case 'score':
      return `${formatNumber(record.score ?? 0)} ${t('standards.points')} — ${t(`standards.grades.${record.status ?? 'yeu'}`)}`;
  }
}

export function RecordsModal({ query, row, onClose }: { query: ReportQueryInput; row: FigureRow; onClose: () => void }) {
  const { t } = useTranslation();
  const [records, setRecords] = useState<ReportRecords | null>(null);
  useEffect(() => {
    call('report.records', { query, figure: row.figure, offset: 0, limit: PAGE }).then(setRecords, (error: unknown) => notifyError(error));
  }, [query, row]);
  const more = async () => {
    if (!records) return;
    try {
      const page = await call('report.records', { query, figure: row.figure, offset: records.rows.length, limit: PAGE });
      setRecords({ ...page, rows: [...records.rows, ...page.rows] });
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Modal opened onClose={onClose} size="xl" title={`${t('report.records')}: ${row.label} (${formatNumber(row.value)})`} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Table striped verticalSpacing={4} aria-label={t('report.records')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>{t('report.date')}</Table.Th>
            <Table.Th>{t('report.name')}</Table.Th>
            <Table.Th w={140}>{t('report.ward')}</Table.Th>
            <Table.Th w={230}>{t('report.detail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records?.rows.map((record) => (
            <Table.Tr key={record.id}>
              <Table.Td>{shownDate(record.date)}</Table.Td>
              <Table.Td>{record.title}</Table.Td>
              <Table.Td>{record.wardName}</Table.Td>
              <Table.Td>{detail(record, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {records && records.rows.length === 0 && <Text c="dimmed">{t('report.noRecords')}</Text>}
      {records && records.rows.length < records.total && (
        <Button variant="default" size="xs" mt="sm" onClick={() => void more()}>
          {t('picker.more', { shown: formatNumber(records.rows.length), total: formatNumber(records.total) })}
        </Button>
      )}
    </Modal>
  );
}
