/**
 * "Nguồn dữ liệu" (administrators): this PC's file or a shared PostgreSQL server. "Kiểm tra kết nối" reads
 * the server without changing it; "Lưu" checks again and keeps the choice for the next start.
 */
import { Alert, Button, Group, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SERVER_PORT, serverSettingsInput, type DataSourceStatus, type ServerCheck, type ServerSettingsInput } from '../../../../shared/data-source';
import { ApiError, INTERNAL_ERROR_MESSAGE } from '../../../../shared/errors';
import { call } from '../../api/client';
import { ChoiceField } from '../../components/ChoiceField';
import { useConfirm } from '../../components/confirm';
import { formKeys, saveOrShowErrors, useSchemaForm } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifyError, notifySaved } from '../../components/notify';
import { PasswordField } from '../../components/PasswordField';
import { formatNumber } from '../../../../shared/text';

type Kind = 'file' | 'server';
type Found = { check: ServerCheck } | { failure: string };

const BLANK: ServerSettingsInput = { host: '', port: DEFAULT_SERVER_PORT, database: '', user: '', password: '', tls: 'disable' };

export function DataSourceForm() {
  const { t } = useTranslation();
  const form = useSchemaForm(serverSettingsInput, BLANK);
  const { reset } = form;
  const [status, setStatus] = useState<DataSourceStatus | null>(null);
  const [kind, setKind] = useState<Kind>('file');
  const [found, setFound] = useState<Found | null>(null);
  const [checking, setChecking] = useState(false);

  const show = useCallback(
    (next: DataSourceStatus) => {
      setStatus(next);
      setKind(next.saved.kind);
      reset(next.saved.kind === 'server' ? { ...next.saved.server, password: '' } : BLANK);
    },
    [reset],
  );
  useEffect(() => {
    call('dataSource.status', {}).then(show, () => undefined);
  }, [show]);

  const check = form.handleSubmit(async (values) => {
    setChecking(true);
    setFound(null);
    try {
      setFound({ check: await call('dataSource.check', values) });
    } catch (error) {
      setFound({ failure: error instanceof ApiError ? error.message : INTERNAL_ERROR_MESSAGE });
    } finally {
      setChecking(false);
    }
  });

  const saveChoice = async (input: Parameters<typeof call<'dataSource.save'>>[1]) => {
    show(await call('dataSource.save', input));
    setFound(null);
    notifySaved(t('dataSource.saved'));
  };
  const submit =
    kind === 'server'
      ? form.handleSubmit((values) => saveOrShowErrors(form, () => saveChoice({ kind: 'server', server: values }), t('common.error')))
      : async (event: FormEvent) => {
          event.preventDefault();
          await saveChoice({ kind: 'file' }).catch((error: unknown) => notifyError(error, t('common.error')));
        };

  if (!status) return null;
  const passwordSaved = status.saved.kind === 'server' && status.saved.passwordSaved;
  const text = (name: keyof ServerSettingsInput, required = true) => (
    <TextInput label={t(`dataSource.${name}`)} withAsterisk={required} {...form.register(name)} error={form.formState.errors[name]?.message} />
  );
  return (
    <Paper withBorder p="md" maw={760}>
      <Title order={4} mb="xs">
        {t('dataSource.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('dataSource.hint')}
      </Text>
      <Text size="sm" mb="sm">
        {t('dataSource.now')}: <b>{status.active.kind === 'server' ? t('dataSource.server') : t('dataSource.file')}</b> — {status.active.where}
      </Text>
      {status.restartNeeded && (
        <Alert color="orange" mb="sm">
          {t('dataSource.restartNeeded', { where: status.saved.kind === 'server' ? `${status.saved.server.user}@${status.saved.server.host}:${status.saved.server.port}/${status.saved.server.database}` : t('dataSource.file') })}
        </Alert>
      )}
      <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
        <Radio.Group value={kind} onChange={(value) => setKind(value as Kind)} label={t('dataSource.where')}>
          <Group mt={4}>
            <Radio value="file" label={t('dataSource.file')} />
            <Radio value="server" label={t('dataSource.server')} />
          </Group>
        </Radio.Group>
        {kind === 'server' && (
          <Stack gap="sm" mt="sm">
            <SimpleGrid cols={2} spacing="sm">
              {text('host')}
              <TextInput label={t('dataSource.port')} withAsterisk inputMode="numeric" {...form.register('port')} error={form.formState.errors.port?.message} />
              {text('database')}
              {text('user')}
              <PasswordField
                label={t('dataSource.password')}
                placeholder={passwordSaved ? t('dataSource.passwordKept') : undefined}
                autoComplete="new-password"
                {...form.register('password')}
                error={form.formState.errors.password?.message}
              />
              <ChoiceField
                control={form.control}
                name="tls"
                label={t('dataSource.tls')}
                data={[
                  { value: 'disable', label: t('dataSource.tlsDisable') },
                  { value: 'no-verify', label: t('dataSource.tlsNoVerify') },
                  { value: 'verify-full', label: t('dataSource.tlsVerifyFull') },
                ]}
              />
            </SimpleGrid>
            {!status.canSavePassword && (
              <Text size="sm" c="dimmed">
                {t('dataSource.passwordNotKept')}
              </Text>
            )}
            <Group>
              <Button variant="default" onClick={() => void check()} loading={checking}>
                {t('dataSource.check')}
              </Button>
            </Group>
            {found && <CheckResult found={found} />}
          </Stack>
        )}
        <FormFooter saving={form.formState.isSubmitting} onCancel={() => show(status)} />
      </form>
      {status.active.kind === 'server' && <CopyFileToServer />}
    </Paper>
  );
}

function CheckResult({ found }: { found: Found }) {
  const { t } = useTranslation();
  if ('failure' in found) {
    return (
      <Alert color="red" title={t('dataSource.checkFailed')} role="alert">
        {found.failure}
      </Alert>
    );
  }
  const { check } = found;
  const words = t(`dataSource.${check.state}`, { address: check.address, people: formatNumber(check.people ?? 0), version: check.schemaVersion ?? '' });
  return (
    <Alert color={check.state === 'empty' || check.state === 'ours' ? 'teal' : 'red'} role="status">
      {words} {t(check.encrypted ? 'dataSource.encrypted' : 'dataSource.notEncrypted')}
    </Alert>
  );
}

/** On a new, empty server: this PC's whole data file copied up once (backup.copyToServer). */
function CopyFileToServer() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [copying, setCopying] = useState(false);
  const copy = async () => {
    if (!(await confirm({ title: t('dataSource.copyTitle'), message: t('dataSource.copyQuestion'), confirmLabel: t('dataSource.copy') }))) return;
    setCopying(true);
    try {
      const report = await call('backup.copyToServer', {});
      notifySaved(t('dataSource.copied', { people: formatNumber(report.rows.subjects ?? 0), models: formatNumber(report.rows.models ?? 0) }));
    } catch (error) {
      notifyError(error, t('dataSource.copyFailed'));
    } finally {
      setCopying(false);
    }
  };
  return (
    <Group mt="md" gap="sm">
      <Button variant="default" onClick={() => void copy()} loading={copying}>
        {t('dataSource.copy')}
      </Button>
      <Text size="sm" c="dimmed" maw={460}>
        {t('dataSource.copyHint')}
      </Text>
    </Group>
  );
}
