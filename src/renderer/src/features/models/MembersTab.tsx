/** The model's members roster: add, edit and remove members with role and phone. */
import { ActionIcon, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberInput, type Member } from '../../../../shared/models';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { enterMovesOn, showServerErrors, useSchemaForm } from '../../components/form';
import { notifyError, notifySaved } from '../../components/notify';

interface MembersTabProps {
  modelId: string;
  members: Member[];
  readOnly: boolean;
  onChanged: () => void;
}

export function MembersTab({ modelId, members, readOnly, onChanged }: MembersTabProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [editing, setEditing] = useState<Member | 'new' | null>(null);

  const remove = async (member: Member) => {
    if (!(await confirm({ title: t('common.remove'), message: t('members.removeConfirm', { name: member.fullName }), danger: true, confirmLabel: t('common.remove') }))) return;
    try {
      await call('members.remove', { id: member.id });
      onChanged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  return (
    <Stack gap="sm">
      {!readOnly && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('members.add')}
          </Button>
        </Group>
      )}
      {members.length === 0 ? (
        <Text c="dimmed">{t('members.empty')}</Text>
      ) : (
        <Table striped highlightOnHover aria-label={t('tabs.members')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48}>STT</Table.Th>
              <Table.Th>{t('members.fullName')}</Table.Th>
              <Table.Th>{t('members.role')}</Table.Th>
              <Table.Th>{t('members.phone')}</Table.Th>
              <Table.Th>{t('members.address')}</Table.Th>
              {!readOnly && <Table.Th w={84} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member, index) => (
              <Table.Tr key={member.id}>
                <Table.Td>{index + 1}</Table.Td>
                <Table.Td>{member.fullName}</Table.Td>
                <Table.Td>{member.role}</Table.Td>
                <Table.Td>{member.phone}</Table.Td>
                <Table.Td>{member.address}</Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={`${t('common.edit')} ${member.fullName}`} onClick={() => setEditing(member)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={`${t('common.remove')} ${member.fullName}`} onClick={() => void remove(member)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('members.add') : t('common.edit')} zIndex={300}>
        {editing !== null && (
          <MemberForm
            modelId={modelId}
            member={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
      </Modal>
    </Stack>
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
  const submit = handleSubmit(async () => {
    const values = form.getValues();
    try {
      if (member) await call('members.update', { id: member.id, values });
      else await call('members.create', values);
      notifySaved(t('common.saved'));
      onDone();
    } catch (error) {
      if (!showServerErrors(form, error)) notifyError(error, t('common.error'));
    }
  });
  return (
    <form onSubmit={submit} onKeyDown={enterMovesOn} noValidate>
      <Stack gap="sm">
        <TextInput label={t('members.fullName')} withAsterisk autoFocus {...register('fullName')} error={formState.errors.fullName?.message} />
        <TextInput label={t('members.role')} placeholder="Tổ trưởng, Tổ phó, Tổ viên…" {...register('role')} error={formState.errors.role?.message} />
        <TextInput label={t('members.phone')} inputMode="tel" {...register('phone')} error={formState.errors.phone?.message} />
        <TextInput label={t('members.address')} {...register('address')} error={formState.errors.address?.message} />
        <Group justify="flex-end">
          <Button type="submit" loading={formState.isSubmitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
