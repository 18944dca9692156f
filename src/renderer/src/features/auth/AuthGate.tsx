/**
 * Nothing of the app shows before sign-in: the first run creates the first administrator (with the
 * unit's name), later runs ask for a username and password, and a password reset by an administrator
 * is changed before anything else. The session itself lives in the main process or the web host's
 * cookie; this only asks `auth.status` and shows the matching screen.
 */
import { Button, Center, Checkbox, Group, Loader, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Path, UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../components/PasswordField';
import { z } from 'zod';
import type { User } from '../../../../shared/app';
import type { AuthStatus } from '../../../../shared/contract/users';
import { ApiError } from '../../../../shared/errors';
import { newBackupPassword } from '../../../../shared/backup';
import { printSettingsInput } from '../../../../shared/print';
import { changePasswordInput, setupInput, signInInput } from '../../../../shared/users';
import { call, LOCKED_EVENT, SIGNED_OUT_EVENT } from '../../api/client';
import { FIRST_FIELD, formKeys, saveOrShowErrors, useSchemaForm } from '../../components/form';
import { notifyError, notifySaved } from '../../components/notify';

interface SignedIn {
  user: User;
  signOut: () => void;
}

const SignedInContext = createContext<SignedIn | null>(null);

/** Who is signed in, for the shell and the pages that depend on the role. */
export function useSignedIn(): SignedIn {
  const signedIn = useContext(SignedInContext);
  if (!signedIn) throw new Error('useSignedIn outside AuthGate');
  return signedIn;
}

function Screen({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Center h="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={460} maw="95vw">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <IconShieldCheck size={32} color="#1c5fa8" style={{ flexShrink: 0 }} />
            <Title order={2}>{title}</Title>
          </Group>
          <Text size="sm">{intro}</Text>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

/** A refused password (wrong, or the account locked) is said under the password field, where the officer looks. */
async function checkPassword<Values extends { password: string }>(form: UseFormReturn<Values, unknown, unknown>, attempt: () => Promise<void>): Promise<void> {
  try {
    await attempt();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthorized') form.setError('password' as Path<Values>, { type: 'server', message: error.message });
    else notifyError(error);
  }
}

function SignInForm({ onDone }: { onDone: (status: AuthStatus) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(signInInput, { username: '', password: '' });
  const submit = form.handleSubmit(() => checkPassword(form, async () => onDone(await call('auth.signIn', form.getValues()))));
  return (
    <Screen title={t('auth.signInTitle')} intro={t('auth.signInIntro')}>
      <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
        <Stack gap="sm">
          <TextInput label={t('auth.username')} autoComplete="username" {...FIRST_FIELD} {...form.register('username')} error={form.formState.errors.username?.message} />
          <PasswordField label={t('auth.password')} autoComplete="current-password" {...form.register('password')} error={form.formState.errors.password?.message} />
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </Screen>
  );
}

/** The forms that ask for the new password twice. */
/** The first run's form: the administrator's password twice, and (offered, ticked) a backup password twice. */
const setupForm = (mismatch: string, required: string) =>
  setupInput
    // The heading of printed documents, asked once here: required on this form, optional in the call.
    .extend({ parentUnit: printSettingsInput.shape.parentUnit, place: printSettingsInput.shape.place, again: z.string(), encryptBackups: z.boolean(), backupPassword: z.string(), backupAgain: z.string() })
    .refine((values) => values.password === values.again, { message: mismatch, path: ['again'] })
    .superRefine((values, context) => {
      if (!values.encryptBackups) return;
      const checked = newBackupPassword.safeParse(values.backupPassword);
      if (!values.backupPassword || !checked.success) {
        context.addIssue({ code: 'custom', path: ['backupPassword'], message: values.backupPassword ? (checked.error?.issues[0]?.message ?? required) : required });
      } else if (values.backupPassword !== values.backupAgain) context.addIssue({ code: 'custom', path: ['backupAgain'], message: mismatch });
    });
const changeForm = (message: string) => changePasswordInput.extend({ again: z.string() }).refine((values) => values.next === values.again, { message, path: ['again'] });

function SetupForm({ onDone }: { onDone: (status: AuthStatus) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(setupForm(t('auth.mismatch'), t('auth.backupPasswordNeeded')), {
    unitName: '',
    parentUnit: '',
    place: '',
    username: '',
    displayName: '',
    password: '',
    again: '',
    encryptBackups: true,
    backupPassword: '',
    backupAgain: '',
  });
  const encryptBackups = form.watch('encryptBackups');
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const { again: _again, encryptBackups: encrypt, backupPassword, backupAgain: _backupAgain, ...values } = form.getValues();
        onDone(await call('auth.setup', { ...values, backupPassword: encrypt ? backupPassword : null }));
      },
      t('auth.setup'),
    ),
  );
  const errors = form.formState.errors;
  return (
    <Screen title={t('auth.setupTitle')} intro={t('auth.setupIntro')}>
      <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
        <Stack gap="sm">
          <TextInput label={t('auth.unitName')} withAsterisk placeholder="Công an phường Bình Tiên" {...FIRST_FIELD} {...form.register('unitName')} error={errors.unitName?.message} />
          <TextInput label={t('print.parentUnit')} withAsterisk placeholder="Công an Thành phố Hồ Chí Minh" {...form.register('parentUnit')} error={errors.parentUnit?.message} />
          <TextInput label={t('print.place')} withAsterisk placeholder="Thành phố Hồ Chí Minh" {...form.register('place')} error={errors.place?.message} />
          <TextInput label={t('auth.displayName')} withAsterisk autoComplete="name" {...form.register('displayName')} error={errors.displayName?.message} />
          <TextInput label={t('auth.username')} withAsterisk autoComplete="username" {...form.register('username')} error={errors.username?.message} />
          <PasswordField label={t('auth.password')} withAsterisk description={t('auth.passwordHint')} autoComplete="new-password" {...form.register('password')} error={errors.password?.message} />
          <PasswordField label={t('auth.passwordAgain')} withAsterisk autoComplete="new-password" {...form.register('again')} error={errors.again?.message} />
          <Checkbox mt="xs" label={t('auth.encryptBackups')} description={t('auth.encryptBackupsHint')} {...form.register('encryptBackups')} />
          {encryptBackups && (
            <>
              <PasswordField label={t('auth.backupPassword')} withAsterisk autoComplete="new-password" {...form.register('backupPassword')} error={errors.backupPassword?.message} />
              <PasswordField label={t('auth.backupPasswordAgain')} withAsterisk autoComplete="new-password" {...form.register('backupAgain')} error={errors.backupAgain?.message} />
            </>
          )}
          <Button type="submit" loading={form.formState.isSubmitting}>
            {t('auth.setup')}
          </Button>
        </Stack>
      </form>
    </Screen>
  );
}

/** Changing one's own password: after a reset (a screen of its own) or from the shell (in a dialog). */
export function ChangePasswordForm({ onDone }: { onDone: (status: AuthStatus) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(changeForm(t('auth.mismatch')), { current: '', next: '', again: '' });
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const { again: _again, ...values } = form.getValues();
        const status = await call('auth.changePassword', values);
        notifySaved(t('auth.changed'));
        onDone(status);
      },
      t('auth.change'),
    ),
  );
  const errors = form.formState.errors;
  return (
    <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
      <Stack gap="sm">
        <PasswordField label={t('auth.currentPassword')} autoComplete="current-password" {...FIRST_FIELD} {...form.register('current')} error={errors.current?.message} />
        <PasswordField label={t('auth.newPassword')} description={t('auth.passwordHint')} autoComplete="new-password" {...form.register('next')} error={errors.next?.message} />
        <PasswordField label={t('auth.passwordAgain')} autoComplete="new-password" {...form.register('again')} error={errors.again?.message} />
        <Button type="submit" loading={form.formState.isSubmitting}>
          {t('auth.change')}
        </Button>
      </Stack>
    </form>
  );
}

/** The locked screen: the same officer's password, or another officer signs in (what was being typed is lost). */
function LockScreen({ user, onDone }: { user: User; onDone: (status: AuthStatus) => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(unlockForm, { password: '' });
  const submit = form.handleSubmit(() => checkPassword(form, async () => onDone(await call('auth.unlock', form.getValues()))));
  const switchUser = () => void call('auth.signOut', {}).then(onDone, (error: unknown) => notifyError(error));
  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-label={t('auth.lockedTitle')}>
      <Screen title={t('auth.lockedTitle')} intro={t('auth.lockedIntro', { name: user.displayName })}>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <PasswordField label={t('auth.password')} autoComplete="current-password" {...FIRST_FIELD} {...form.register('password')} error={form.formState.errors.password?.message} />
            <Button type="submit" loading={form.formState.isSubmitting}>
              {t('auth.unlock')}
            </Button>
            <Button variant="subtle" color="gray" onClick={switchUser}>
              {t('auth.otherUser')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('auth.otherUserHint')}
            </Text>
          </Stack>
        </form>
      </Screen>
    </div>
  );
}

const unlockForm = z.object({ password: signInInput.shape.password });

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'mousemove', 'touchstart'] as const;

/** How often at most the page tells the session the officer is at work. */
const TOUCH_MS = 60_000;

/**
 * Locks the session after `minutes` without a key press, a click or a move of the mouse; while the officer
 * works, the session hears of it (a long form calls nothing else until it is saved).
 */
function useIdleLock(minutes: number | null, lock: () => void) {
  useEffect(() => {
    if (minutes === null) return;
    let timer = setTimeout(lock, minutes * 60_000);
    let touched = Date.now();
    const active = () => {
      clearTimeout(timer);
      timer = setTimeout(lock, minutes * 60_000);
      if (Date.now() - touched > TOUCH_MS) {
        touched = Date.now();
        void call('auth.touch', {}).catch(() => undefined);
      }
    };
    for (const event of ACTIVITY) window.addEventListener(event, active, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, active);
    };
  }, [minutes, lock]);
}

export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const refresh = useCallback(() => call('auth.status', {}).then(setStatus, (error: unknown) => notifyError(error)), []);
  useEffect(() => {
    void refresh();
    const signedOut = () => {
      notifications.show({ message: t('auth.signedOut'), color: 'orange', autoClose: 8000 });
      void refresh();
    };
    const locked = () => void refresh();
    window.addEventListener(SIGNED_OUT_EVENT, signedOut);
    window.addEventListener(LOCKED_EVENT, locked);
    return () => {
      window.removeEventListener(SIGNED_OUT_EVENT, signedOut);
      window.removeEventListener(LOCKED_EVENT, locked);
    };
  }, [refresh, t]);
  const signOut = useCallback(() => void call('auth.signOut', {}).then(setStatus, (error: unknown) => notifyError(error)), []);
  const lock = useCallback(() => void call('auth.lock', {}).then(setStatus, () => undefined), []);
  const working = status?.user && !status.locked && !status.mustChangePassword;
  const locked = Boolean(status?.locked);
  // Locked, what lives outside the app's own tree (an open drawer or dialog, the notices) is out of reach too.
  useEffect(() => {
    if (!locked) return;
    const screen = document.querySelector('.lock-screen');
    const outside = Array.from(document.body.children).filter((element) => !element.contains(screen));
    for (const element of outside) element.setAttribute('inert', '');
    return () => {
      for (const element of outside) element.removeAttribute('inert');
    };
  }, [locked]);
  useIdleLock(working ? status.idleMinutes : null, lock);
  // Back to the window (the OS may have locked the app meanwhile, in Electron): ask again.
  useEffect(() => {
    const back = () => document.visibilityState === 'visible' && void refresh();
    window.addEventListener('focus', back);
    document.addEventListener('visibilitychange', back);
    return () => {
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', back);
    };
  }, [refresh]);

  if (!status) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (status.setupNeeded) return <SetupForm onDone={setStatus} />;
  if (!status.user) return <SignInForm onDone={setStatus} />;
  if (status.mustChangePassword) {
    return (
      <Screen title={t('auth.changeTitle')} intro={t('auth.mustChange')}>
        <ChangePasswordForm onDone={setStatus} />
      </Screen>
    );
  }
  // Keyed by the account: whoever signs in next starts from a clean app. Locked, the app stays as it was
  // (forms keep what was typed) but hidden and out of reach, under the lock screen.
  return (
    <SignedInContext.Provider key={status.user.id} value={{ user: status.user, signOut }}>
      <div className={status.locked ? 'app-locked' : undefined} aria-hidden={status.locked || undefined} inert={status.locked || undefined}>
        {children}
      </div>
      {status.locked && <LockScreen user={status.user} onDone={setStatus} />}
    </SignedInContext.Provider>
  );
}
