/**
 * Tài khoản (administrators only): who may sign in and with which role; adding an account, changing its
 * name or role, resetting its password (its owner must change it at the next sign-in), unlocking it after
 * wrong passwords, disabling it (accounts are never deleted, so the audit keeps their names).
 */
import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField';
import { z } from 'zod';
import { ROLES } from '../../../../shared/app';
import { formatDateTime } from '../../../../shared/dates';
import { userAddInput, userPasswordInput, userUpdateInput, type Account } from '../../../../shared/users';
import { call } from '../../api/client';
import { BooleanField } from '../../components/BooleanField';
import { ChoiceField } from '../../components/ChoiceField';
import { DialogForm } from '../../components/DialogForm';
import { FIRST_FIELD } from '../../components/form';
import { GuardedModal } from '../../components/GuardedModal';
import { notifyError, notifySaved } from '../../components/notify';
import { useDialogForm } from '../../components/useDialogForm';
import { useSignedIn } from '../auth/AuthGate';

type Dialog = { kind: 'add' } | { kind: 'edit'; account: Account } | { kind: 'password'; account: Account };

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: `${t(`auth.roles.${role}`)} — ${t(`users.roleHints.${role}`)}` }));
}

function AddForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const schema = userAddInput.extend({ again: z.string() }).refine((values) => values.password === values.again, { message: t('auth.mismatch'), path: ['again'] });
  const { form, register, errors, dialog } = useDialogForm(
    schema,
    { username: '', displayName: '', role: 'editor', password: '', again: '', mustChangePassword: true },
    ({ again: _again, ...values }) => call('users.add', values),
    onDone,
  );
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <TextInput label={t('auth.displayName')} withAsterisk {...FIRST_FIELD} {...register('displayName')} error={errors.displayName?.message} />
        <TextInput label={t('auth.username')} withAsterisk {...register('username')} error={errors.username?.message} />
        <ChoiceField control={form.control} name="role" label={t('users.role')} data={useRoleOptions()} />
        <PasswordField label={t('auth.password')} withAsterisk description={t('auth.passwordHint')} autoComplete="new-password" {...register('password')} error={errors.password?.message} />
        <PasswordField label={t('auth.passwordAgain')} withAsterisk autoComplete="new-password" {...register('again')} error={errors.again?.message} />
        <BooleanField control={form.control} name="mustChangePassword" label={t('users.mustChangeFirst')} />
      </Stack>
    </DialogForm>
  );
}

function EditForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, register, errors, dialog } = useDialogForm(userUpdateInput, { id: account.id, displayName: account.displayName, role: account.role }, (values) => call('users.update', values), onDone);
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <TextInput label={t('auth.displayName')} withAsterisk {...FIRST_FIELD} {...register('displayName')} error={errors.displayName?.message} />
        <ChoiceField control={form.control} name="role" label={t('users.role')} data={useRoleOptions()} />
      </Stack>
    </DialogForm>
  );
}

function PasswordForm({ account, onDone }: { account: Account; onDone: () => void }) {
  const { t } = useTranslation();
  const schema = userPasswordInput.extend({ again: z.string() }).refine((values) => values.password === values.again, { message: t('auth.mismatch'), path: ['again'] });
  const { register, errors, dialog } = useDialogForm(schema, { id: account.id, password: '', again: '' }, ({ again: _again, ...values }) => call('users.resetPassword', values), onDone, t('users.passwordReset'));
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <Text size="sm">{t('users.resetHint', { name: account.displayName })}</Text>
        <PasswordField label={t('auth.newPassword')} withAsterisk autoComplete="new-password" {...FIRST_FIELD} {...register('password')} error={errors.password?.message} />
        <PasswordField label={t('auth.passwordAgain')} withAsterisk autoComplete="new-password" {...register('again')} error={errors.again?.message} />
      </Stack>
    </DialogForm>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const load = useCallback(() => call('users.list', {}).then(setAccounts, (error: unknown) => notifyError(error)), []);
  useEffect(() => {
    void load();
  }, [load]);
  const done = () => {
    setDialog(null);
    void load();
  };
  const act = async (work: Promise<unknown>, message: string) => {
    try {
      await work;
      notifySaved(message);
    } catch (error) {
      notifyError(error, t('common.error'));
    }
    void load();
  };

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setDialog({ kind: 'add' })}>
          {t('users.add')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('users.intro')}
      </Text>
      <Paper withBorder>
        <Table striped highlightOnHover aria-label={t('users.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('auth.displayName')}</Table.Th>
              <Table.Th>{t('auth.username')}</Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th>{t('users.state')}</Table.Th>
              <Table.Th>{t('users.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(accounts ?? []).map((account) => (
              <Table.Tr key={account.id}>
                <Table.Td>{account.displayName}</Table.Td>
                <Table.Td>{account.username}</Table.Td>
                <Table.Td>{t(`auth.roles.${account.role}`)}</Table.Td>
                <Table.Td>
                  {account.disabledAt ? (
                    <Badge color="gray">{t('users.disabled')}</Badge>
                  ) : account.lockedUntil ? (
                    <Badge color="red">{t('users.locked', { until: formatDateTime(account.lockedUntil) })}</Badge>
                  ) : (
                    <Badge color="teal">{t('users.active')}</Badge>
                  )}
                  {account.mustChangePassword && (
                    <Badge color="orange" ml={4}>
                      {t('users.mustChange')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="default" aria-label={`${t('common.edit')} ${account.username}`} onClick={() => setDialog({ kind: 'edit', account })}>
                      {t('common.edit')}
                    </Button>
                    <Button size="compact-xs" variant="default" aria-label={`${t('users.resetPassword')} ${account.username}`} onClick={() => setDialog({ kind: 'password', account })}>
                      {t('users.resetPassword')}
                    </Button>
                    {account.lockedUntil && (
                      <Button size="compact-xs" variant="default" aria-label={`${t('users.unlock')} ${account.username}`} onClick={() => void act(call('users.unlock', { id: account.id }), t('users.unlocked'))}>
                        {t('users.unlock')}
                      </Button>
                    )}
                    {account.id !== user.id && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color={account.disabledAt ? 'teal' : 'red'}
                        aria-label={`${account.disabledAt ? t('users.enable') : t('users.disable')} ${account.username}`}
                        onClick={() => void act(call('users.setDisabled', { id: account.id, disabled: !account.disabledAt }), account.disabledAt ? t('users.enabled') : t('users.disabledDone'))}
                      >
                        {account.disabledAt ? t('users.enable') : t('users.disable')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <GuardedModal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog?.kind === 'add' ? t('users.add') : dialog?.kind === 'edit' ? t('users.edit') : t('users.resetPassword')}>
        {dialog?.kind === 'add' && <AddForm onDone={done} />}
        {dialog?.kind === 'edit' && <EditForm account={dialog.account} onDone={done} />}
        {dialog?.kind === 'password' && <PasswordForm account={dialog.account} onDone={done} />}
      </GuardedModal>
    </Stack>
  );
}
