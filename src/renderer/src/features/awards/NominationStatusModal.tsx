/** "Chuyển trạng thái" of a nomination: the next status, and the decision (number and date) when it is decided. */
import { Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DECIDED_STATUSES, NEXT_STATUSES, nominationStatusInput, type Nomination } from '../../../../shared/awards';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../api/client';
import { ChoiceField } from '../../components/ChoiceField';
import { DialogForm } from '../../components/DialogForm';
import { GuardedModal } from '../../components/GuardedModal';
import { useDialogForm } from '../../components/useDialogForm';

interface NominationStatusProps {
  nomination: Nomination;
  onClose: () => void;
  onChanged: () => void;
}

export function NominationStatusModal(props: NominationStatusProps) {
  const { t } = useTranslation();
  return (
    <GuardedModal opened onClose={props.onClose} title={t('awards.changeStatus')} zIndex={300}>
      <NominationStatusForm {...props} />
    </GuardedModal>
  );
}

function NominationStatusForm({ nomination, onClose, onChanged }: NominationStatusProps) {
  const { t } = useTranslation();
  const { form, register, errors, dialog } = useDialogForm(
    nominationStatusInput,
    {
      id: nomination.id,
      status: undefined,
      changedOn: formatDate(new Date().toISOString().slice(0, 10)),
      decisionNumber: nomination.decisionNumber ?? '',
      decisionDate: formatDate(nomination.decisionDate),
      note: '',
    },
    (values) => call('nominations.changeStatus', values),
    () => {
      onChanged();
      onClose();
    },
    t('awards.statusChanged'),
  );
  const target = form.watch('status');
  const needsDecision = target !== undefined && DECIDED_STATUSES.includes(target);
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <ChoiceField
          control={form.control}
          name="status"
          label={t('awards.status')}
          autoFocus
          data={NEXT_STATUSES[nomination.status].map((status) => ({ value: status, label: t(`nominationStatus.${status}`) }))}
        />
        <TextInput label={t('history.changedOn')} withAsterisk placeholder="dd/mm/yyyy" {...register('changedOn')} error={errors.changedOn?.message} />
        {needsDecision && (
          <Group grow>
            <TextInput label={t('awards.decisionNumber')} withAsterisk placeholder="1234/QĐ-UBND" {...register('decisionNumber')} error={errors.decisionNumber?.message} />
            <TextInput label={t('awards.decisionDate')} withAsterisk placeholder="dd/mm/yyyy" {...register('decisionDate')} error={errors.decisionDate?.message} />
          </Group>
        )}
        <TextInput label={t('awards.note')} {...register('note')} error={errors.note?.message} />
      </Stack>
    </DialogForm>
  );
}
