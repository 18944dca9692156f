/**
 * Nhật ký (administrators only): the whole audit log, who did what and when, filtered by account, kind
 * of record, action and dates, newest first, a hundred entries at a time; printed and exported as
 * filtered. Read only: nothing in the app edits the log.
 */
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiInput } from '../../../../shared/api';
import { AUDIT_ACTIONS, ENTITIES, type AuditEntry } from '../../../../shared/app';
import { completeDate } from '../../../../shared/dates';
import { formatNumber } from '../../../../shared/text';
import type { Account } from '../../../../shared/users';
import { call } from '../../api/client';
import { AuditExportMenu } from '../../components/ExportMenu';
import { AuditTable } from '../../components/history';
import { notifyError } from '../../components/notify';
import { printHref } from '../../print/PrintPage';

const PAGE = 100;

interface Filter {
  userId: string | null;
  entity: string | null;
  action: string | null;
  from: string;
  to: string;
}

/** The filter as the method takes it: a date typed incompletely is left out until it reads as a date. */
function query(filter: Filter, offset: number): ApiInput<'audit.list'> {
  return {
    userId: filter.userId ?? undefined,
    entity: (filter.entity ?? undefined) as ApiInput<'audit.list'>['entity'],
    action: (filter.action ?? undefined) as ApiInput<'audit.list'>['action'],
    from: completeDate(filter.from),
    to: completeDate(filter.to),
    offset,
    limit: PAGE,
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [filter, setFilter] = useState<Filter>({ userId: null, entity: null, action: null, from: '', to: '' });
  const [page, setPage] = useState<{ rows: AuditEntry[]; total: number } | null>(null);
  useEffect(() => {
    call('users.list', {}).then(setAccounts, () => setAccounts([]));
  }, []);
  useEffect(() => {
    let live = true;
    call('audit.list', query(filter, 0)).then(
      (result) => live && setPage(result),
      (error: unknown) => notifyError(error),
    );
    return () => {
      live = false;
    };
  }, [filter]);
  const more = async () => {
    if (!page) return;
    try {
      const next = await call('audit.list', query(filter, page.rows.length));
      setPage({ rows: [...page.rows, ...next.rows], total: next.total });
    } catch (error) {
      notifyError(error);
    }
  };
  const set = (change: Partial<Filter>) => setFilter((current) => ({ ...current, ...change }));
  // The filter without paging, as the printout and the export take it.
  const { offset: _offset, limit: _limit, ...filterOnly } = query(filter, 0);
  const userName = accounts.find((account) => account.id === filter.userId)?.displayName;
  const accountOptions = useMemo(() => accounts.map((account) => ({ value: account.id, label: `${account.displayName} (${account.username})` })), [accounts]);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2}>{t('audit.title')}</Title>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconPrinter size={16} />} component="a" href={printHref('audit', { ...filterOnly, userName })}>
            {t('common.print')}
          </Button>
          <AuditExportMenu filter={filterOnly} />
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('audit.intro')}
      </Text>
      <Group gap="sm" align="flex-end">
        <Select label={t('audit.account')} data={accountOptions} value={filter.userId} onChange={(value) => set({ userId: value })} clearable w={240} />
        <Select label={t('audit.entity')} data={ENTITIES.map((entity) => ({ value: entity, label: t(`audit.entities.${entity}`) }))} value={filter.entity} onChange={(value) => set({ entity: value })} clearable w={200} />
        <Select label={t('audit.action')} data={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`history.actions.${action}`) }))} value={filter.action} onChange={(value) => set({ action: value })} clearable w={220} />
        <TextInput label={t('audit.from')} placeholder="dd/mm/yyyy" value={filter.from} onChange={(event) => set({ from: event.currentTarget.value })} w={130} />
        <TextInput label={t('audit.to')} placeholder="dd/mm/yyyy" value={filter.to} onChange={(event) => set({ to: event.currentTarget.value })} w={130} />
      </Group>
      <Paper withBorder>
        <AuditTable entries={page?.rows ?? []} label={t('audit.title')} withRecord />
      </Paper>
      {page && (
        <Group>
          <Text size="sm" c="dimmed" data-testid="audit-count">
            {t('audit.shown', { shown: formatNumber(page.rows.length), total: formatNumber(page.total) })}
          </Text>
          {page.rows.length < page.total && (
            <Button variant="default" size="xs" onClick={() => void more()}>
              {t('audit.more')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
