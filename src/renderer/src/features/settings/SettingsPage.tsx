/** Cài đặt: the periodic review interval, the idle lock, the data source, and the print heading. */
import { Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_PRINT_SETTINGS, printSettingsInput, type PrintSettings, type PrintSettingsInput } from '../../../../shared/print';
import { reviewIntervalInput } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { formKeys, saveOrShowErrors, useSchemaForm } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifySaved } from '../../components/notify';
import { useSignedIn } from '../auth/AuthGate';
import { DataSourceForm } from './DataSourceForm';
import { DEFAULT_IDLE_MINUTES, idleMinutesInput } from '../../../../shared/users';

function PrintSettingsForm() {
  const { t } = useTranslation();
  const form = useSchemaForm(printSettingsInput, DEFAULT_PRINT_SETTINGS as PrintSettingsInput);
  const { reset } = form;
  useEffect(() => {
    call('print.settings', {}).then((settings) => reset(withBlanks(settings)), () => undefined);
  }, [reset]);
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        reset(withBlanks(await call('print.setSettings', form.getValues())));
        notifySaved(t('common.saved'));
      },
      t('common.error'),
    ),
  );
  const field = (name: keyof PrintSettingsInput, required = false) => (
    <TextInput label={t(`print.${name}`)} withAsterisk={required} {...form.register(name)} error={form.formState.errors[name]?.message} />
  );
  return (
    <Paper withBorder p="md" maw={760}>
      <Title order={4} mb="sm">
        {t('print.settingsTitle')}
      </Title>
      <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
        <SimpleGrid cols={2} spacing="sm">
          {field('parentUnit', true)}
          {field('unitName', true)}
          {field('place', true)}
          {field('documentNumber')}
          {field('preparerTitle', true)}
          {field('preparerName')}
          {field('signerTitle', true)}
          {field('signerName')}
        </SimpleGrid>
        <Textarea mt="sm" label={t('print.recipients')} autosize minRows={2} {...form.register('recipients')} error={form.formState.errors.recipients?.message} />
        <FormFooter saving={form.formState.isSubmitting} onCancel={() => form.reset()} />
      </form>
    </Paper>
  );
}

/** Stored nulls shown as empty fields. */
const withBlanks = (settings: PrintSettings): PrintSettingsInput =>
  Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, value ?? ''])) as PrintSettingsInput;

export function SettingsPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const form = useSchemaForm(reviewIntervalInput, { months: 1 });
  const { reset } = form;
  useEffect(() => {
    call('subjects.settings', {}).then((settings) => reset({ months: settings.reviewIntervalMonths }), () => undefined);
  }, [reset]);
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const saved = await call('subjects.setReviewInterval', form.getValues());
        reset({ months: saved.reviewIntervalMonths });
        notifySaved(t('common.saved'));
      },
      t('common.error'),
    ),
  );
  return (
    <Stack gap="md">
      <Title order={2}>{t('settings.title')}</Title>
      <Paper withBorder p="md" maw={560}>
        <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
          <Stack gap="sm">
            <TextInput label={t('settings.reviewInterval')} inputMode="numeric" w={220} {...form.register('months')} error={form.formState.errors.months?.message} />
            <Text size="sm" c="dimmed">
              {t('settings.reviewIntervalHint')}
            </Text>
            <FormFooter saving={form.formState.isSubmitting} onCancel={() => form.reset()} />
          </Stack>
        </form>
      </Paper>
      {user.role === 'admin' && <IdleLockForm />}
      {user.role === 'admin' && <DataSourceForm />}
      <PrintSettingsForm />
    </Stack>
  );
}

/** The idle lock's minutes (administrators): after them without use, the screen locks for everyone. */
function IdleLockForm() {
  const { t } = useTranslation();
  const form = useSchemaForm(idleMinutesInput, { minutes: DEFAULT_IDLE_MINUTES });
  const { reset } = form;
  useEffect(() => {
    call('auth.status', {}).then((status) => reset({ minutes: status.idleMinutes }), () => undefined);
  }, [reset]);
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const status = await call('auth.setIdleMinutes', form.getValues());
        reset({ minutes: status.idleMinutes });
        notifySaved(t('common.saved'));
      },
      t('common.error'),
    ),
  );
  return (
    <Paper withBorder p="md" maw={560}>
      <Title order={4} mb="sm">
        {t('auth.idleTitle')}
      </Title>
      <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
        <TextInput label={t('auth.idleMinutes')} inputMode="numeric" w={320} {...form.register('minutes')} error={form.formState.errors.minutes?.message} />
        <FormFooter saving={form.formState.isSubmitting} onCancel={() => form.reset()} />
      </form>
    </Paper>
  );
}
