/** Tổng quan: the registers' counts at a glance, models by type, ward and status. */
import { Alert, Anchor, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarDue } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/app';
import type { ModelCounts } from '../../../../shared/models';
import type { DueCounts } from '../../../../shared/subjects';
import { formatNumber } from '../../../../shared/text';
import type { BackupStatus } from '../../../../shared/backup';
import { call } from '../../api/client';
import { Dashboard } from './Dashboard';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import type { DossierDeadline } from '../../../../shared/standards';

function Figure({ label, value, color = 'blue.8', href }: { label: string; value: number; color?: string; href?: string }) {
  return (
    <Paper withBorder p="md" component={href ? 'a' : 'div'} href={href} style={{ textDecoration: 'none', color: 'inherit' }} aria-label={`${label}: ${value}`}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={32} fw={700} c={color}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

function CountTable({ title, rows }: { title: string; rows: { key: string; label: string; count: number }[] }) {
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      <Table aria-label={title}>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {formatNumber(row.count)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

export function HomePage({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const [counts, setCounts] = useState<ModelCounts | null>(null);
  const [due, setDue] = useState<DueCounts | null>(null);
  const [backup, setBackup] = useState<BackupStatus | null>(null);
  const [deadlines, setDeadlines] = useState<DossierDeadline[]>([]);
  useEffect(() => {
    call('scores.deadlines', {}).then(setDeadlines, () => setDeadlines([]));
    call('backup.status', {}).then(setBackup, () => setBackup(null));
    call('models.counts', {}).then(setCounts, () => setCounts(null));
    call('subjects.dueCounts', {}).then(setDue, () => setDue(null));
  }, [info]);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t('home.title')}</Title>
        {backup && (
          <Text size="sm" c={backup.stale ? 'orange.8' : 'dimmed'} component="a" href="#/backup" data-testid="home-backup">
            {t('home.lastBackup')}: {backup.last ? formatDateTime(backup.last.createdAt) : t('home.noBackup')}
          </Text>
        )}
      </Group>
      {backup?.stale && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
          {backup.last ? t('backup.staleWarning', { date: formatDateTime(backup.last.createdAt) }) : t('backup.never')}
        </Alert>
      )}
      {deadlines.map((deadline) => (
        <Alert key={deadline.level} color={deadline.missing > 0 ? 'orange' : 'blue'} icon={<IconCalendarDue size={18} />} data-testid="home-deadline">
          <Anchor href="#/standards" inherit>
            {t('standards.deadline', { level: t(`standards.levels.${deadline.level}`).toLocaleLowerCase(), date: formatDate(deadline.due), days: deadline.daysLeft, missing: formatNumber(deadline.missing), of: formatNumber(deadline.of) })}
          </Anchor>
        </Alert>
      ))}
      <SimpleGrid cols={4}>
        <Figure label={t('home.subjects')} value={info.counts.following} />
        <Figure label={t('home.overdue')} value={due?.overdue ?? 0} color="red.7" href="#/due" />
        <Figure label={t('home.dueThisWeek')} value={due?.dueThisWeek ?? 0} color="orange.7" href="#/due" />
        <Figure label={t('home.endingSoon')} value={due?.endingSoon ?? 0} color="blue.8" href="#/due" />
      </SimpleGrid>
      <SimpleGrid cols={3}>
        <Figure label={t('home.models')} value={info.counts.models} />
        <Figure label={t('home.members')} value={info.counts.members} />
        <Figure label={t('home.evaluations')} value={info.counts.evaluations} />
      </SimpleGrid>
      <Dashboard models={counts} due={due} version={info} />
      {counts && (
        <SimpleGrid cols={3}>
          <CountTable title={t('home.byType')} rows={counts.byType.map((row) => ({ key: row.id, label: row.name, count: row.count }))} />
          <CountTable title={t('home.byWard')} rows={counts.byWard.map((row) => ({ key: row.id, label: row.name, count: row.count }))} />
          <CountTable title={t('home.byStatus')} rows={counts.byStatus.map((row) => ({ key: row.status, label: t(`status.${row.status}`), count: row.count }))} />
        </SimpleGrid>
      )}
    </Stack>
  );
}
