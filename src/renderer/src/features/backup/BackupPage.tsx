/**
 * Sao lưu & khôi phục: back up now (to a folder in Electron, as a download in a browser), restore a
 * file after seeing what it holds, undo the last restore, the history, and the automatic-backup settings.
 */
import { Alert, Button, Checkbox, Paper, PasswordInput, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp, IconDatabaseExport } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backupSettingsInput, type BackupRecord, type BackupStatus } from '../../../../shared/backup';
import { call } from '../../api/client';
import { BooleanField } from '../../components/BooleanField';
import { useConfirm } from '../../components/confirm';
import { formKeys, saveOrShowErrors, useSchemaForm } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifyError, notifySaved } from '../../components/notify';
import { download } from '../../components/files';
import { linkedFilter } from '../../components/register-link';
import { MergePanel } from './MergePanel';
import { Counts, ProgressLine, RestorePanel, useProgress } from './RestorePanel';
import { formatDateTime } from '../../../../shared/dates';

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/**
 * `demo`: the demo data is open, so restoring and merging are off (said up front, before any file is
 * chosen). `admin`: merging ward files is an administrator's.
 */
/** `onServer`: the data is on a shared PostgreSQL server (no automatic backups here, no restore into it yet). */
export function BackupPage({ demo = false, admin = false, onServer = false }: { demo?: boolean; admin?: boolean; onServer?: boolean }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [history, setHistory] = useState<BackupRecord[]>([]);
  const [busy, setBusy] = useState(false);
  // A check or restore in the restore panel: backing up and undoing wait for it.
  const [restoring, setRestoring] = useState(false);
  const [protect, setProtect] = useState(false);
  const [password, setPassword] = useState('');
  const progress = useProgress(busy);
  const electron = Boolean(window.api?.pickSaveFolder);

  const load = useCallback(() => {
    call('backup.status', {}).then(setStatus, notifyError);
    call('backup.history', {}).then(setHistory, () => setHistory([]));
  }, []);
  useEffect(load, [load]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      notifyError(error, t('common.error'));
    } finally {
      setBusy(false);
      load();
    }
  };

  const backUp = () =>
    run(async () => {
      const folder = electron ? await window.api?.pickSaveFolder?.() : null;
      if (electron && !folder) return;
      const created = await call('backup.create', { target: folder ? { path: folder } : 'download', password: protect ? password : null });
      if (created.downloadUrl) download(created.downloadUrl);
      notifySaved(t('backup.done', { file: fileName(created.record.file) }));
    });

  const undo = () =>
    run(async () => {
      if (!(await confirm({ title: t('backup.undo'), message: t('backup.undoConfirm'), confirmLabel: t('backup.undo') }))) return;
      await call('backup.undoRestore', {});
      notifySaved(t('backup.undone'));
      window.location.reload();
    });

  if (!status) return null;
  return (
    <Stack gap="md">
      <Title order={2}>{t('backup.title')}</Title>
      {onServer && (
        <Alert color="blue" data-testid="backup-on-server">
          {t('backup.serverNote')}
        </Alert>
      )}
      {!onServer && status.stale && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="backup-stale">
          {status.last ? t('backup.staleWarning', { date: formatDateTime(status.last.createdAt) }) : t('backup.never')}
        </Alert>
      )}
      {!onServer && status.settings.automatic && !status.settings.secondFolder && (
        <Alert color="blue" data-testid="backup-second-folder-prompt">
          {t('backup.secondFolderPrompt')}
        </Alert>
      )}
      {busy && progress && (
        <Paper withBorder p="sm">
          <ProgressLine progress={progress} />
        </Paper>
      )}
      <SimpleGrid cols={2}>
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('backup.backUpNow')}
          </Title>
          {status.last && (
            <Stack gap={2} mb="sm" data-testid="backup-last">
              <Text size="sm">
                {t('backup.last')}: <b>{formatDateTime(status.last.createdAt)}</b> — {fileName(status.last.file)} ({megabytes(status.last.bytes)})
              </Text>
              <Counts counts={status.last.counts} />
            </Stack>
          )}
          <Checkbox label={t('backup.protect')} checked={protect} onChange={(event) => setProtect(event.currentTarget.checked)} mb="xs" />
          {protect && <PasswordInput label={t('backup.password')} value={password} onChange={(event) => setPassword(event.currentTarget.value)} mb="xs" autoComplete="new-password" />}
          <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => void backUp()} loading={busy} disabled={restoring || (protect && password.length < 8)}>
            {electron ? t('backup.backUpToFolder') : t('backup.backUpDownload')}
          </Button>
        </Paper>
        {onServer ? (
          <Paper withBorder p="md">
            <Title order={4} mb="xs">
              {t('backup.restoreTitle')}
            </Title>
            <Text size="sm">{t('backup.serverRestore')}</Text>
          </Paper>
        ) : (
        <RestorePanel
          title={t('backup.restoreTitle')}
          demo={demo}
          onSettled={load}
          onBusyChange={setRestoring}
          openedFile={linkedFilter('file')}
          actions={
            status.undoAvailable &&
            !demo && (
              <Button variant="light" color="orange" leftSection={<IconArrowBackUp size={16} />} onClick={() => void undo()} loading={busy} disabled={restoring}>
                {t('backup.undo')}
              </Button>
            )
          }
        />
        )}
      </SimpleGrid>
      {admin && <MergePanel demo={demo} onSettled={load} />}
      {!onServer && <BackupSettingsForm status={status} onSaved={load} />}
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t('backup.history')}
        </Title>
        <Table striped aria-label={t('backup.history')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('backup.when')}</Table.Th>
              <Table.Th>{t('backup.kind')}</Table.Th>
              <Table.Th>{t('backup.file')}</Table.Th>
              <Table.Th ta="right">{t('backup.size')}</Table.Th>
              <Table.Th>{t('backup.result')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.map((record) => (
              <Table.Tr key={record.id}>
                <Table.Td>{formatDateTime(record.createdAt)}</Table.Td>
                <Table.Td>{t(`backup.kinds.${record.kind}`)}</Table.Td>
                <Table.Td title={record.file}>
                  {fileName(record.file)}
                  {record.encrypted ? ' 🔒' : ''}
                </Table.Td>
                <Table.Td ta="right">{megabytes(record.bytes)}</Table.Td>
                <Table.Td c={record.status === 'ok' ? undefined : 'red'}>{record.status === 'ok' ? t('backup.ok') : record.error}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}

function BackupSettingsForm({ status, onSaved }: { status: BackupStatus; onSaved: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(backupSettingsInput, {
    automatic: status.settings.automatic,
    intervalHours: status.settings.intervalHours,
    folder: status.settings.folder === status.settings.defaultFolder ? '' : status.settings.folder,
    secondFolder: status.settings.secondFolder ?? '',
    encryptAutomatic: status.settings.encryptAutomatic,
    password: '',
  });
  const { register, formState, watch } = form;
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const values = form.getValues();
        await call('backup.setSettings', { ...values, password: values.password || null, secondFolder: values.secondFolder || null });
        notifySaved(t('common.saved'));
        onSaved();
      },
      t('common.error'),
    ),
  );
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('backup.automatic')}
      </Title>
      <form onSubmit={submit} onKeyDown={formKeys('next')} noValidate>
        <Stack gap="sm" maw={640}>
          <BooleanField control={form.control} name="automatic" label={t('backup.automaticOn')} kind="switch" />
          <TextInput label={t('backup.intervalHours')} inputMode="numeric" w={200} {...register('intervalHours')} error={formState.errors.intervalHours?.message} />
          <TextInput label={t('backup.folder')} placeholder={status.settings.defaultFolder} {...register('folder')} error={formState.errors.folder?.message} />
          <TextInput label={t('backup.secondFolder')} description={t('backup.secondFolderHint')} {...register('secondFolder')} error={formState.errors.secondFolder?.message} />
          <BooleanField control={form.control} name="encryptAutomatic" label={t('backup.encryptAutomatic')} />
          {watch('encryptAutomatic') && (
            <>
              {status.settings.encryptAutomatic && !status.hasAutomaticPassword && (
                <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="backup-password-missing">
                  {t('backup.passwordMissing')}
                </Alert>
              )}
              <PasswordInput
                label={status.hasAutomaticPassword ? t('backup.replacePassword') : t('backup.password')}
                description={t(status.passwordKeeping === 'sealed' ? 'backup.keptSealed' : 'backup.keptThisRun')}
                autoComplete="new-password"
                {...register('password')}
                error={formState.errors.password?.message}
              />
            </>
          )}
          <FormFooter saving={formState.isSubmitting} onCancel={() => form.reset()} />
        </Stack>
      </form>
    </Paper>
  );
}
