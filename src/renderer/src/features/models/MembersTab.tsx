/** The model's members roster (the Tổ trưởng first, as models.get gives it): add, edit and remove members with role and phone. */
import { Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { memberInput, type Member } from '../../../../shared/models';
import { call } from '../../api/client';
import { formKeys, saveOrShowErrors, useSchemaForm, FIRST_FIELD } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifySaved } from '../../components/notify';
import { useReportDirty } from '../../components/record-panel';
import { SubRecords } from '../../components/SubRecords';

interface MembersTabProps {
  modelId: string;
  members: Member[];
  readOnly: boolean;
  onChanged: () => void;
}

export function MembersTab({ modelId, members, readOnly, onChanged }: MembersTabProps) {
  const { t } = useTranslation();
  return (
    <SubRecords
      rows={members}
      label={t('tabs.members')}
      addLabel={t('members.add')}
      emptyText={t('members.empty')}
      readOnly={readOnly}
      onChanged={onChanged}
      columns={[
        { header: 'STT', width: 48, cell: (_member, index) => index + 1 },
        { header: t('members.fullName'), cell: (member) => <span style={{ whiteSpace: 'nowrap' }}>{member.fullName}</span> },
        { header: t('members.role'), cell: (member) => member.role },
        { header: t('members.phone'), cell: (member) => member.phone },
        { header: t('members.address'), cell: (member) => member.address },
      ]}
      describe={(member) => ({ name: member.fullName, removeQuestion: t('members.removeConfirm', { name: member.fullName }) })}
      remove={(member) => call('members.remove', { id: member.id })}
      form={(member, done) => <MemberForm modelId={modelId} member={member} onDone={done} />}
    />
  );
}

function MemberForm({ modelId, member, onDone }: { modelId: string; member: Member | null; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(memberInput, {
    modelId,
    fullName: member?.fullName ?? '',
    role: member?.role ?? '',
    phone: member?.phone ?? '',
    address: member?.address ?? '',
  });
  const { register, handleSubmit, formState } = form;
  useReportDirty(formState.isDirty);
  const submit = handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const values = form.getValues();
        if (member) await call('members.update', { id: member.id, values });
        else await call('members.create', values);
        notifySaved(t('common.saved'));
        onDone();
      },
      t('common.error'),
    ),
  );
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Stack gap="sm">
        <TextInput label={t('members.fullName')} withAsterisk {...FIRST_FIELD} {...register('fullName')} error={formState.errors.fullName?.message} />
        <TextInput label={t('members.role')} placeholder="Tổ trưởng, Tổ phó, Tổ viên…" {...register('role')} error={formState.errors.role?.message} />
        <TextInput label={t('members.phone')} inputMode="tel" {...register('phone')} error={formState.errors.phone?.message} />
        <TextInput label={t('members.address')} {...register('address')} error={formState.errors.address?.message} />
        <FormFooter saving={formState.isSubmitting} />
      </Stack>
    </form>
  );
}
