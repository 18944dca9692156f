/** A nomination in a side panel: the form, the workflow (with the decision), its history, the nominee's awards across rounds. */
import { Alert, Badge, Button, Drawer, Group, Loader, Modal, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DECIDED_STATUSES, NEXT_STATUSES, nominationStatusInput, type Nomination, type NominationDetail } from '../../../../shared/awards';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { formKeys, saveOrShowErrors, useSchemaForm } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { AuditTrail } from '../../components/history';
import { notifyError, notifySaved } from '../../components/notify';
import { useEscapeLayer } from '../../components/layers';
import { TrashButton, useDirtyGuard } from '../../components/record-panel';
import { NominationForm } from './NominationForm';
import { formatDate } from '../../../../shared/dates';

export type NominationTarget = { kind: 'new'; roundId: string } | { kind: 'existing'; id: string };

export const STATUS_COLORS = { du_thao: 'gray', da_trinh: 'blue', duoc_duyet: 'teal', khong_duyet: 'red', da_trao: 'green' } as const;

/** The awards of a nominee across rounds (used on the nomination and on the model's page). */
export function AwardHistory({ nominations }: { nominations: Nomination[] }) {
  const { t } = useTranslation();
  if (nominations.length === 0) return <Text c="dimmed">{t('awards.noHistory')}</Text>;
  return (
    <Table striped aria-label={t('awards.nomineeHistory')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('awards.round')}</Table.Th>
          <Table.Th>{t('awards.nomineeName')}</Table.Th>
          <Table.Th>{t('awards.form')}</Table.Th>
          <Table.Th>{t('awards.status')}</Table.Th>
          <Table.Th>{t('awards.decision')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {nominations.map((nomination) => (
          <Table.Tr key={nomination.id}>
            <Table.Td>{nomination.roundName}</Table.Td>
            <Table.Td>{nomination.nomineeName}</Table.Td>
            <Table.Td>{nomination.formName}</Table.Td>
            <Table.Td>{t(`nominationStatus.${nomination.status}`)}</Table.Td>
            <Table.Td>{nomination.decisionNumber ? `${nomination.decisionNumber}, ${formatDate(nomination.decisionDate)}` : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function StatusModal({ nomination, onClose, onChanged }: { nomination: Nomination; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(nominationStatusInput, {
    id: nomination.id,
    status: undefined,
    changedOn: formatDate(new Date().toISOString().slice(0, 10)),
    decisionNumber: nomination.decisionNumber ?? '',
    decisionDate: formatDate(nomination.decisionDate),
    note: '',
  });
  const { register, control, watch, formState } = form;
  const guard = useDirtyGuard(onClose);
  useEscapeLayer(true, () => void guard.close());
  const { setDirty } = guard;
  useEffect(() => setDirty(formState.isDirty), [formState.isDirty, setDirty]);
  const target = watch('status');
  const needsDecision = target !== undefined && DECIDED_STATUSES.includes(target);
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        await call('nominations.changeStatus', form.getValues());
        notifySaved(t('awards.statusChanged'));
        guard.markSaved();
        onChanged();
        onClose();
      },
      t('common.error'),
    ),
  );
  return (
    <Modal opened onClose={() => void guard.close()} title={t('awards.changeStatus')} zIndex={300} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
        <Stack gap="sm">
          <Controller
            control={control}
            name="status"
            render={({ field }) => (
              <Select
                label={t('awards.status')}
                withAsterisk
                data-autofocus
                data={NEXT_STATUSES[nomination.status].map((status) => ({ value: status, label: t(`nominationStatus.${status}`) }))}
                value={field.value ?? null}
                onChange={(value) => field.onChange(value ?? undefined)}
                allowDeselect={false}
                ref={field.ref}
                error={formState.errors.status?.message}
              />
            )}
          />
          <TextInput label={t('history.changedOn')} withAsterisk placeholder="dd/mm/yyyy" {...register('changedOn')} error={formState.errors.changedOn?.message} />
          {needsDecision && (
            <Group grow>
              <TextInput label={t('awards.decisionNumber')} withAsterisk placeholder="1234/QĐ-UBND" {...register('decisionNumber')} error={formState.errors.decisionNumber?.message} />
              <TextInput label={t('awards.decisionDate')} withAsterisk placeholder="dd/mm/yyyy" {...register('decisionDate')} error={formState.errors.decisionDate?.message} />
            </Group>
          )}
          <TextInput label={t('awards.note')} {...register('note')} error={formState.errors.note?.message} />
          <FormFooter saving={formState.isSubmitting} onCancel={() => void guard.close()} />
        </Stack>
      </form>
    </Modal>
  );
}

interface NominationPanelProps {
  target: NominationTarget | null;
  roundClosed: boolean;
  onClose: () => void;
  onChanged: () => void;
  onOpen: (target: NominationTarget) => void;
}

export function NominationPanel({ target, roundClosed, onClose, onChanged, onOpen }: NominationPanelProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [detail, setDetail] = useState<NominationDetail | null>(null);
  const [history, setHistory] = useState<Nomination[]>([]);
  const [statusOpen, setStatusOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const { setDirty, close, markSaved } = useDirtyGuard(onClose);
  useEscapeLayer(target !== null, () => void close());

  const load = useCallback(
    (id: string) =>
      call('nominations.get', { id }).then(
        async (loaded) => {
          setDetail(loaded);
          setRefreshKey((key) => key + 1);
          const { nomination } = loaded;
          setHistory(
            await call('nominations.nomineeHistory', nomination.modelId ? { modelId: nomination.modelId } : { memberId: nomination.memberId, kind: nomination.kind, nomineeName: nomination.nomineeName, birthYear: nomination.birthYear }),
          );
        },
        (error: unknown) => notifyError(error, t('common.error')),
      ),
    [t],
  );
  const targetId = target?.kind === 'existing' ? target.id : null;
  useEffect(() => {
    if (targetId) void load(targetId);
  }, [targetId, load]);

  const nomination = detail?.nomination ?? null;
  const frozen = roundClosed || nomination?.roundStatus === 'closed';
  const trashed = Boolean(nomination?.deletedAt);
  const changed = () => {
    if (nomination) void load(nomination.id);
    onChanged();
  };
  const trashOrRestore = async () => {
    if (!nomination) return;
    try {
      if (!trashed && !(await confirm({ title: t('common.trash'), message: t('awards.trashConfirm', { name: nomination.nomineeName }), danger: true, confirmLabel: t('common.trash') }))) return;
      await call(trashed ? 'nominations.restore' : 'nominations.trash', { id: nomination.id });
      notifySaved(t('common.saved'));
      if (trashed) changed();
      else {
        onChanged();
        onClose();
      }
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  const title = target?.kind === 'new' ? t('awards.newNomination') : (nomination?.nomineeName ?? t('common.loading'));
  return (
    <Drawer opened={target !== null} onClose={() => void close()} position="right" size={780} title={<Text fw={600} size="lg">{title}</Text>} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {target?.kind === 'new' && (
        <NominationForm
          roundId={target.roundId}
          nomination={null}
          readOnly={false}
          onDirtyChange={setDirty}
          onCancel={() => void close()}
          onSaved={(saved) => {
            markSaved();
            onChanged();
            onOpen({ kind: 'existing', id: saved.id });
          }}
        />
      )}
      {target?.kind === 'existing' && !detail && <Loader />}
      {target?.kind === 'existing' && detail && nomination && (
        <>
          <Group justify="space-between" mb="sm">
            <Group gap="xs">
              <Badge variant="light" tt="none">
                {t(`kind.${nomination.kind}`)} · {nomination.formName}
              </Badge>
              <Badge color={STATUS_COLORS[nomination.status]} tt="none" data-testid="nomination-status">
                {t(`nominationStatus.${nomination.status}`)}
              </Badge>
              {nomination.decisionNumber && (
                <Text size="sm">
                  QĐ số {nomination.decisionNumber} ngày {formatDate(nomination.decisionDate)}
                </Text>
              )}
            </Group>
            {!frozen && (
              <Group gap="xs">
                {!trashed && NEXT_STATUSES[nomination.status].length > 0 && (
                  <Button size="xs" onClick={() => setStatusOpen(true)}>
                    {t('awards.changeStatus')}
                  </Button>
                )}
                <TrashButton trashed={trashed} onClick={() => void trashOrRestore()} />
              </Group>
            )}
          </Group>
          {frozen && (
            <Alert color="gray" mb="sm">
              {t('awards.closedNotice')}
            </Alert>
          )}
          <Tabs defaultValue="general">
            <Tabs.List mb="md">
              <Tabs.Tab value="general">{t('tabs.general')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('tabs.history')}</Tabs.Tab>
              <Tabs.Tab value="awards">{t('awards.nomineeHistory')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="general">
              <NominationForm
                key={`${nomination.id}:${nomination.updatedAt}`}
                roundId={nomination.roundId}
                nomination={nomination}
                readOnly={frozen || trashed}
                onDirtyChange={setDirty}
                onCancel={() => void close()}
                onSaved={() => {
                  markSaved();
                  changed();
                }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <Stack gap="md">
                <Title order={5}>{t('history.statusHistory')}</Title>
                <Table striped aria-label={t('history.statusHistory')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('history.changedOn')}</Table.Th>
                      <Table.Th>{t('awards.status')}</Table.Th>
                      <Table.Th>{t('awards.decision')}</Table.Th>
                      <Table.Th>{t('awards.note')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {detail.statusChanges.map((change) => (
                      <Table.Tr key={change.id}>
                        <Table.Td>{formatDate(change.changedOn)}</Table.Td>
                        <Table.Td>
                          {change.fromStatus ? `${t(`nominationStatus.${change.fromStatus}`)} → ` : ''}
                          {t(`nominationStatus.${change.toStatus}`)}
                        </Table.Td>
                        <Table.Td>{change.decisionNumber ? `${change.decisionNumber}, ${formatDate(change.decisionDate)}` : ''}</Table.Td>
                        <Table.Td>{change.reason}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <AuditTrail entity="nomination" entityId={nomination.id} refreshKey={refreshKey} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="awards">
              <AwardHistory nominations={history} />
            </Tabs.Panel>
          </Tabs>
          {statusOpen && <StatusModal nomination={nomination} onClose={() => setStatusOpen(false)} onChanged={changed} />}
        </>
      )}
    </Drawer>
  );
}
