/** Cài đặt: the periodic review interval (and later the issuing unit, signers, backups). */
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { reviewIntervalInput } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { enterMovesOn, saveOrShowErrors, useSchemaForm } from '../../components/form';
import { notifySaved } from '../../components/notify';

export function SettingsPage() {
  const { t } = useTranslation();
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
        <form onSubmit={submit} onKeyDown={enterMovesOn} noValidate>
          <Stack gap="sm">
            <TextInput label={t('settings.reviewInterval')} inputMode="numeric" w={220} {...form.register('months')} error={form.formState.errors.months?.message} />
            <Text size="sm" c="dimmed">
              {t('settings.reviewIntervalHint')}
            </Text>
            <Group>
              <Button type="submit" loading={form.formState.isSubmitting}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
