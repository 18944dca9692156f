/** Đến hạn đánh giá: who is overdue, who is due within 7 days, whose help period ends within 30 days. */
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBirth, type DueList, type SubjectRow } from '../../../../shared/subjects';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { notifyError } from '../../components/notify';
import { ExportMenu } from '../../components/ExportMenu';
import { printHref } from '../../print/PrintPage';
import { panelKey, type RecordTarget } from '../../components/useRecordPanel';
import { SubjectPanel } from './SubjectPanel';
import { formatDate } from '../../../../shared/dates';

function DueTable({ title, rows, total, dateLabel, date, color }: { title: string; rows: SubjectRow[]; total: number; dateLabel: string; date: (row: SubjectRow) => string; color: string }) {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<RecordTarget | null>(null);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title}</Title>
        <Badge color={color} size="lg" variant="light" aria-label={`${title}: ${total}`}>
          {formatNumber(total)}
        </Badge>
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('due.none')}</Text>
      ) : (
        <>
          {rows.length < total && (
            <Text size="sm" c="dimmed" mb="xs">
              {t('due.showingFirst', { shown: formatNumber(rows.length), total: formatNumber(total) })}
            </Text>
          )}
          <Table striped highlightOnHover aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('subjects.fullName')}</Table.Th>
                <Table.Th>{t('subjects.birth')}</Table.Th>
                <Table.Th>{t('subjects.ward')}</Table.Th>
                <Table.Th>{t('subjects.lastReviewOn')}</Table.Th>
                <Table.Th>{dateLabel}</Table.Th>
                <Table.Th>{t('subjects.helperName')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} onClick={() => setPanel({ kind: 'existing', id: row.id })} style={{ cursor: 'pointer' }}>
                  <Table.Td>{row.fullName}</Table.Td>
                  <Table.Td>{formatBirth(row.birthDate, row.birthYear)}</Table.Td>
                  <Table.Td>{row.wardName}</Table.Td>
                  <Table.Td>{formatDate(row.lastReviewOn)}</Table.Td>
                  <Table.Td fw={600}>{formatDate(date(row))}</Table.Td>
                  <Table.Td>{row.helperName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <SubjectPanel key={panelKey(panel)} target={panel} onClose={() => setPanel(null)} onOpen={setPanel} onChanged={() => undefined} />
    </Paper>
  );
}

export function DuePage() {
  const { t } = useTranslation();
  const [due, setDue] = useState<DueList | null>(null);
  const load = useCallback(() => call('subjects.due', {}).then(setDue, (error: unknown) => notifyError(error)), []);
  useEffect(() => {
    void load();
  }, [load]);
  if (!due) return null;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('due.title')}</Title>
        <Group gap="sm">
          <Text c="dimmed">{t('due.interval', { months: due.intervalMonths })}</Text>
          <Button variant="default" leftSection={<IconPrinter size={16} />} component="a" href={printHref('due', {})}>
            {t('common.print')}
          </Button>
          <ExportMenu build={(format) => ({ register: 'due', format })} />
        </Group>
      </Group>
      <DueTable title={t('due.overdue')} rows={due.overdue} total={due.counts.overdue} dateLabel={t('due.dueOn')} date={(row) => (row as DueList['overdue'][number]).dueOn} color="red" />
      <DueTable title={t('due.dueThisWeek')} rows={due.dueThisWeek} total={due.counts.dueThisWeek} dateLabel={t('due.dueOn')} date={(row) => (row as DueList['dueThisWeek'][number]).dueOn} color="orange" />
      <DueTable title={t('due.endingSoon')} rows={due.endingSoon} total={due.counts.endingSoon} dateLabel={t('subjects.plannedEndDate')} date={(row) => row.plannedEndDate ?? ''} color="blue" />
    </Stack>
  );
}
