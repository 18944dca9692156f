/** The model's status history and its audit trail (who changed what, when). */
import { Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../shared/app';
import { MODEL_STATUSES, statusChangeInput, type ModelRow, type StatusChange } from '../../../../shared/models';
import { formatDate, formatDateTime } from '../../../../shared/text';
import { call } from '../../api/client';
import { enterMovesOn, showServerErrors, useSchemaForm } from '../../components/form';
import { notifyError, notifySaved } from '../../components/notify';

export function HistoryTab({ modelId, statusChanges, refreshKey }: { modelId: string; statusChanges: StatusChange[]; refreshKey: number }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  useEffect(() => {
    call('audit.forEntity', { entity: 'model', entityId: modelId }).then(setEntries, () => setEntries([]));
  }, [modelId, refreshKey]);

  return (
    <Stack gap="md">
      <Title order={5}>{t('models.statusHistory')}</Title>
      <Table striped aria-label={t('models.statusHistory')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('models.changedOn')}</Table.Th>
            <Table.Th>{t('models.status')}</Table.Th>
            <Table.Th>{t('models.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {statusChanges.map((change) => (
            <Table.Tr key={change.id}>
              <Table.Td>{formatDate(change.changedOn)}</Table.Td>
              <Table.Td>
                {change.fromStatus ? `${t(`status.${change.fromStatus}`)} → ` : ''}
                {t(`status.${change.toStatus}`)}
              </Table.Td>
              <Table.Td>{change.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5}>{t('tabs.history')}</Title>
      {entries.length === 0 ? (
        <Text c="dimmed">{t('history.empty')}</Text>
      ) : (
        <Table striped aria-label={t('tabs.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('history.at')}</Table.Th>
              <Table.Th>{t('history.user')}</Table.Th>
              <Table.Th>{t('history.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                <Table.Td>{entry.userName}</Table.Td>
                <Table.Td>{t(`history.${entry.action}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function StatusChangeModal({ model, opened, onClose, onChanged }: { model: ModelRow; opened: boolean; onClose: () => void; onChanged: (model: ModelRow) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(statusChangeInput, {
    id: model.id,
    status: undefined,
    changedOn: formatDate(new Date().toISOString().slice(0, 10)),
    reason: '',
  });
  const { register, control, handleSubmit, formState } = form;
  const submit = handleSubmit(async () => {
    try {
      const changed = await call('models.changeStatus', form.getValues());
      notifySaved(t('models.statusChanged'));
      onChanged(changed);
      onClose();
    } catch (error) {
      if (!showServerErrors(form, error)) notifyError(error, t('common.error'));
    }
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('models.changeStatus')} zIndex={300}>
      <form onSubmit={submit} onKeyDown={enterMovesOn} noValidate>
        <Stack gap="sm">
          <Controller
            control={control}
            name="status"
            render={({ field }) => (
              <Select
                label={t('models.status')}
                withAsterisk
                data={MODEL_STATUSES.filter((status) => status !== model.status).map((status) => ({ value: status, label: t(`status.${status}`) }))}
                value={field.value ?? null}
                onChange={(value) => field.onChange(value ?? undefined)}
                allowDeselect={false}
                ref={field.ref}
                error={formState.errors.status?.message}
              />
            )}
          />
          <TextInput label={t('models.changedOn')} withAsterisk placeholder="dd/mm/yyyy" {...register('changedOn')} error={formState.errors.changedOn?.message} />
          <TextInput label={t('models.reason')} {...register('reason')} error={formState.errors.reason?.message} />
          <Group justify="flex-end">
            <Button type="submit" loading={formState.isSubmitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
