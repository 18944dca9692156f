/** "Chuyển trạng thái" of a nomination: the next status, and the decision (number and date) when it is decided. */
import { Group, Modal, Stack, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DECIDED_STATUSES, NEXT_STATUSES, nominationStatusInput, type Nomination } from '../../../../shared/awards';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../api/client';
import { ChoiceField } from '../../components/ChoiceField';
import { formKeys, saveOrShowErrors, useSchemaForm } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { useEscapeLayer } from '../../components/layers';
import { notifySaved } from '../../components/notify';
import { useDirtyGuard } from '../../components/record-panel';

export function NominationStatusModal({ nomination, onClose, onChanged }: { nomination: Nomination; onClose: () => void; onChanged: () => void }) {
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
          <ChoiceField
            control={control}
            name="status"
            label={t('awards.status')}
            autoFocus
            data={NEXT_STATUSES[nomination.status].map((status) => ({ value: status, label: t(`nominationStatus.${status}`) }))}
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
