/** History shared by every register: status changes with date and reason, and the audit trail. */
import { Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, Entity } from '../../../shared/app';
import { HISTORY_ENTRIES_KEPT } from '../../../shared/history';
import { formatNumber } from '../../../shared/text';
import { call } from '../api/client';
import { actionText, changeLine } from '../../../shared/history-text';
import { formatDate, formatDateTime } from '../../../shared/dates';

interface StatusChangeRow {
  id: string;
  fromStatus: string | null;
  toStatus: string;
  changedOn: string;
  reason: string | null;
  decisionNumber?: string | null;
  decisionDate?: string | null;
}

interface StatusHistoryProps {
  changes: StatusChangeRow[];
  statusLabel: (status: string) => string;
  /** A workflow that ends in a decision (awards) names its columns its own way and shows the decision. */
  labels?: { status: string; reason: string; decision: string };
}

export function StatusHistory({ changes, statusLabel, labels }: StatusHistoryProps) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={5}>{t('history.statusHistory')}</Title>
      <Table striped aria-label={t('history.statusHistory')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.changedOn')}</Table.Th>
            <Table.Th>{labels?.status ?? t('history.status')}</Table.Th>
            {labels && <Table.Th>{labels.decision}</Table.Th>}
            <Table.Th>{labels?.reason ?? t('history.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.id}>
              <Table.Td>{formatDate(change.changedOn)}</Table.Td>
              <Table.Td>
                {change.fromStatus ? `${statusLabel(change.fromStatus)} → ` : ''}
                {statusLabel(change.toStatus)}
              </Table.Td>
              {labels && <Table.Td>{change.decisionNumber ? `${change.decisionNumber}, ${formatDate(change.decisionDate)}` : ''}</Table.Td>}
              <Table.Td>{change.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** Audit entries as a table: when, who, what (and which record, for the whole log), each edit as "Địa chỉ: A → B" lines. */
export function AuditTable({ entries, label, withRecord = false }: { entries: AuditEntry[]; label: string; withRecord?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table striped aria-label={label} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={140}>{t('history.at')}</Table.Th>
          <Table.Th w={150}>{t('history.user')}</Table.Th>
          {withRecord && <Table.Th w={170}>{t('audit.record')}</Table.Th>}
          <Table.Th>{t('history.action')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.id} c={entry.action === 'view' ? 'dimmed' : undefined}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
            <Table.Td>{entry.userName}</Table.Td>
            {withRecord && (
              <Table.Td>
                {t(`audit.entities.${entry.entity}`)} <Text span size="xs" c="dimmed" title={entry.entityId}>{entry.entityId.slice(0, 8)}</Text>
              </Table.Td>
            )}
            <Table.Td>
              <Text size="sm" fw={entry.changes.length > 0 ? 600 : undefined}>
                {actionText(t, entry)}
              </Text>
              {entry.purged && (
                <Text size="sm" c="dimmed" fs="italic" data-testid="history-purged">
                  {t('history.purged', { at: formatDateTime(entry.purged.at), by: entry.purged.by })}
                </Text>
              )}
              {entry.changes.map((change) => {
                const line = changeLine(t, entry.entity, change);
                return (
                  <Text key={change.field} size="sm" title={line.full === line.text ? undefined : line.full} data-testid="history-change">
                    {line.text}
                  </Text>
                );
              })}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The record's audit trail: what was changed, by whom and when, each edit as "Địa chỉ: A → B" lines.
 * Views ("Xem hồ sơ") outnumber changes many times over, so they stay hidden until asked for.
 */
export function AuditTrail({ entity, entityId, refreshKey, related = false }: { entity: Entity; entityId: string; refreshKey: number; related?: boolean }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [withViews, setWithViews] = useState(false);
  useEffect(() => {
    call('audit.forEntity', { entity, entityId, related }).then(setEntries, () => setEntries([]));
  }, [entity, entityId, refreshKey, related]);
  const views = entries.filter((entry) => entry.action === 'view').length;
  const shown = withViews ? entries : entries.filter((entry) => entry.action !== 'view');
  return (
    <>
      <Group justify="space-between" align="center">
        <Title order={5}>{t('tabs.history')}</Title>
        <Switch label={t('history.showViews', { n: views >= HISTORY_ENTRIES_KEPT ? `${formatNumber(views)}+` : formatNumber(views) })} checked={withViews} onChange={(event) => setWithViews(event.currentTarget.checked)} disabled={views === 0} />
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed">{t('history.empty')}</Text>
      ) : (
        <AuditTable entries={shown} label={t('tabs.history')} />
      )}
    </>
  );
}

/** A record's history tab: its status changes, then its audit trail. */
export function RecordHistory({ entity, entityId, refreshKey, related, ...statusHistory }: StatusHistoryProps & { entity: Entity; entityId: string; refreshKey: number; related?: boolean }) {
  return (
    <Stack gap="md">
      <StatusHistory {...statusHistory} />
      <AuditTrail related={related} entity={entity} entityId={entityId} refreshKey={refreshKey} />
    </Stack>
  );
}
