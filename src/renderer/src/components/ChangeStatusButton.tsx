/** "Đổi tình trạng" on a record, and the dialog it opens: the new status, the day it changed, why. */
import { Button, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { optionalDate, optionalText } from '../../../shared/common';
import { formatDate } from '../../../shared/dates';
import { ChoiceField } from './ChoiceField';
import { DialogForm } from './DialogForm';
import { GuardedModal } from './GuardedModal';
import { useDialogForm } from './useDialogForm';

const statusChangeForm = z.object({
  status: z.string({ message: 'Vui lòng chọn tình trạng.' }).min(1, 'Vui lòng chọn tình trạng.'),
  changedOn: optionalDate('Ngày thay đổi').refine((value) => value !== null, 'Vui lòng nhập ngày thay đổi.'),
  reason: optionalText('Lý do', 500),
});
type StatusChangeValues = z.input<typeof statusChangeForm>;

interface StatusChangeProps {
  current: string;
  statuses: readonly string[];
  statusLabel: (status: string) => string;
  /** Sends the change (the register's own method, which checks it again). */
  save: (values: StatusChangeValues) => Promise<unknown>;
  onChanged: () => void;
}

export function ChangeStatusButton(props: StatusChangeProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpened(true)}>
        {t('history.changeStatus')}
      </Button>
      {opened && (
        <GuardedModal opened onClose={() => setOpened(false)} title={t('history.changeStatus')} zIndex={300}>
          <StatusChangeForm {...props} onDone={() => setOpened(false)} />
        </GuardedModal>
      )}
    </>
  );
}

function StatusChangeForm({ current, statuses, statusLabel, save, onChanged, onDone }: StatusChangeProps & { onDone: () => void }) {
  const { t } = useTranslation();
  const { form, register, errors, dialog } = useDialogForm(
    statusChangeForm,
    { status: '', changedOn: formatDate(new Date().toISOString().slice(0, 10)), reason: '' },
    save,
    () => {
      onChanged();
      onDone();
    },
    t('history.statusChanged'),
  );
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <ChoiceField
          control={form.control}
          name="status"
          label={t('history.status')}
          autoFocus
          data={statuses.filter((status) => status !== current).map((status) => ({ value: status, label: statusLabel(status) }))}
        />
        <TextInput label={t('history.changedOn')} withAsterisk placeholder="dd/mm/yyyy" {...register('changedOn')} error={errors.changedOn?.message} />
        <TextInput label={t('history.reason')} {...register('reason')} error={errors.reason?.message} />
      </Stack>
    </DialogForm>
  );
}
