/** The model's members roster (the Tổ trưởng first, as models.get gives it): add, edit and remove members with role and phone. */
import { Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { memberInput, type Member } from '../../../../shared/models';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { DialogForm } from '../../components/DialogForm';
import { FIRST_FIELD } from '../../components/form';
import { SubRecords, type SubRecordTabProps } from '../../components/SubRecords';
import { useDialogForm } from '../../components/useDialogForm';

export function MembersTab({ parentId: modelId, ...tab }: SubRecordTabProps<Member>) {
  const { t } = useTranslation();
  return (
    <SubRecords
      {...tab}
      label={t('tabs.members')}
      addLabel={t('members.add')}
      emptyText={t('members.empty')}
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
  const { register, errors, dialog } = useDialogForm(
    memberInput,
    { modelId, fullName: member?.fullName ?? '', role: member?.role ?? '', phone: member?.phone ?? '', address: member?.address ?? '' },
    (values) => (member ? call('members.update', { id: member.id, version: versionOf(member), values }) : call('members.create', values)),
    onDone,
  );
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <TextInput label={t('members.fullName')} withAsterisk {...FIRST_FIELD} {...register('fullName')} error={errors.fullName?.message} />
        <TextInput label={t('members.role')} placeholder="Tổ trưởng, Tổ phó, Tổ viên…" {...register('role')} error={errors.role?.message} />
        <TextInput label={t('members.phone')} inputMode="tel" {...register('phone')} error={errors.phone?.message} />
        <TextInput label={t('members.address')} {...register('address')} error={errors.address?.message} />
      </Stack>
    </DialogForm>
  );
}
