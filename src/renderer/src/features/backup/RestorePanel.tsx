/**
 * Restoring a file: pick it (a dialog in Electron, a file field in a browser), the password if it is
 * encrypted, see what it holds, then restore after a confirmation; the page reloads on the restored data.
 * On the Backup page, and on the first-run screen ("Mở tệp dữ liệu có sẵn", "Khôi phục từ bản sao lưu").
 */
import { Alert, Button, FileInput, Group, Paper, PasswordInput, Progress, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconDatabaseImport } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo, BackupProgress, RegisterSnapshot } from '../../../../shared/backup';
import { formatDateTime } from '../../../../shared/dates';
import { ApiError } from '../../../../shared/errors';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { uploadFile } from '../../components/files';
import { notifyError, notifySaved } from '../../components/notify';

export function Counts({ counts }: { counts: RegisterSnapshot | null }) {
  const { t } = useTranslation();
  if (!counts) return null;
  return (
    <Text size="sm">
      {t('backup.countsLine', {
        models: formatNumber(counts.models),
        members: formatNumber(counts.members),
        subjects: formatNumber(counts.subjects),
        reviews: formatNumber(counts.reviews),
        nominations: formatNumber(counts.nominations),
      })}
    </Text>
  );
}

/** Polls the server's progress while a long backup or restore runs. */
export function useProgress(active: boolean) {
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => call('backup.progress', {}).then(setProgress, () => undefined), 300);
    return () => {
      window.clearInterval(timer);
      setProgress(null);
    };
  }, [active]);
  return progress;
}

/** What a long backup, restore or merge is doing now, and how far it is. */
export function ProgressLine({ progress }: { progress: BackupProgress }) {
  return (
    <>
      <Text size="sm" mt="xs">
        {progress.phase}
      </Text>
      <Progress value={(progress.fraction ?? 0) * 100} animated={progress.fraction === null} mt={4} aria-label={progress.phase} />
    </>
  );
}

interface FileFieldsProps {
  /** The Electron app asks for the file with its own dialog when the button is pressed: no file field. */
  electron: boolean;
  fileLabel: string;
  file: File | null;
  onFile: (file: File | null) => void;
  passwordLabel: string;
  password: string;
  onPassword: (password: string) => void;
  passwordError: string | null;
  disabled: boolean;
  /** Why the fields are off (the demo data is open), read with them. */
  describedBy?: string;
}

/** A backup file to read (in a browser) and its password if it has one: the restore's and the merge's. */
export function BackupFileFields({ electron, fileLabel, file, onFile, passwordLabel, password, onPassword, passwordError, disabled, describedBy }: FileFieldsProps) {
  return (
    <>
      {!electron && <FileInput label={fileLabel} placeholder=".sqlite / .antqbak" value={file} onChange={onFile} clearable mb="xs" disabled={disabled} aria-describedby={describedBy} />}
      <PasswordInput label={passwordLabel} value={password} onChange={(event) => onPassword(event.currentTarget.value)} error={passwordError} mb="xs" autoComplete="off" disabled={disabled} />
    </>
  );
}

interface RestorePanelProps {
  title: string;
  /** What to pick, said above the controls. */
  intro?: string;
  /** The demo data is open: restoring is off, and said so before any file is chosen. */
  demo?: boolean;
  /** More buttons beside "Kiểm tra tệp" (the Backup page's undo). */
  actions?: ReactNode;
  /** After each attempt, whether it worked or not (the Backup page reloads its status). */
  onSettled?: () => void;
  /** While a check or a restore runs (the Backup page holds its other buttons meanwhile). */
  onBusyChange?: (busy: boolean) => void;
  /** A backup file the app was opened with (Electron: a .antqbak opened from the file manager), checked instead of asking. */
  openedFile?: string | null;
}

export function RestorePanel({ title, intro, demo = false, actions, onSettled, onBusyChange, openedFile }: RestorePanelProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const electron = Boolean(window.api?.pickBackupFile);
  // Only the Electron app opens a file by its path; a browser's address never names one.
  const opened = electron ? (openedFile ?? null) : null;
  const [busy, setBusy] = useState(false);
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  const [restorePassword, setRestorePassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [inspected, setInspected] = useState<{ info: BackupInfo; ref: { path: string } | { uploadId: string } } | null>(null);
  const progress = useProgress(busy);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    onBusyChange?.(true);
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError && error.fields?.some((field) => field.field === 'password')) setPasswordError(error.message);
      else notifyError(error, t('common.error'));
    } finally {
      setBusy(false);
      onBusyChange?.(false);
      onSettled?.();
    }
  };

  const inspect = () =>
    run(async () => {
      setPasswordError(null);
      let ref: { path: string } | { uploadId: string };
      if (electron) {
        const path = opened ?? (await window.api?.pickBackupFile?.());
        if (!path) return;
        ref = { path };
      } else {
        if (!restoreFile) return;
        ref = { uploadId: (await uploadFile(restoreFile)).uploadId };
      }
      setInspected({ info: await call('backup.inspect', { file: ref, password: restorePassword || null }), ref });
    });

  const restore = () =>
    run(async () => {
      if (!inspected) return;
      if (!(await confirm({ title: t('backup.restoreTitle'), message: t('backup.restoreConfirm'), confirmLabel: t('backup.restore'), danger: true }))) return;
      await call('backup.restore', { file: inspected.ref, password: restorePassword || null });
      notifySaved(t('backup.restored'));
      // Reloaded on the restored data, without the opened file in the address (it would be offered again).
      if (window.location.hash.includes('?')) window.history.replaceState(null, '', window.location.hash.split('?')[0]);
      window.location.reload();
    });

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {title}
      </Title>
      {intro && (
        <Text size="sm" mb="xs">
          {intro}
        </Text>
      )}
      {demo && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} mb="xs" id="restore-off-reason">
          {t('backup.restoreOffDemo')}
        </Alert>
      )}
      {opened && (
        <Text size="sm" mb="xs" data-testid="restore-opened-file">
          {t('backup.openedFile')}: <b>{opened}</b>
        </Text>
      )}
      <BackupFileFields
        electron={electron}
        fileLabel={t('backup.pickFile')}
        file={restoreFile}
        onFile={setRestoreFile}
        passwordLabel={t('backup.passwordIfAny')}
        password={restorePassword}
        onPassword={setRestorePassword}
        passwordError={passwordError}
        disabled={demo}
        describedBy={demo ? 'restore-off-reason' : undefined}
      />
      <Group>
        <Button
          variant="default"
          leftSection={<IconDatabaseImport size={16} />}
          onClick={() => void inspect()}
          loading={busy}
          disabled={demo || (!electron && !restoreFile)}
          aria-describedby={demo ? 'restore-off-reason' : undefined}
        >
          {t('backup.check')}
        </Button>
        {actions}
      </Group>
      {busy && progress && <ProgressLine progress={progress} />}
      {inspected && (
        <Alert
          color={inspected.info.mode === 'demo' ? 'orange' : 'blue'}
          mt="sm"
          title={inspected.info.mode === 'demo' ? t('backup.demoFileHolds') : t('backup.fileHolds')}
          data-testid="backup-inspected"
        >
          <Text size="sm">
            {t('backup.madeOn')}: {inspected.info.createdAt ? formatDateTime(inspected.info.createdAt) : '—'}
            {inspected.info.unit ? ` · ${inspected.info.unit}` : ''}
          </Text>
          <Counts counts={inspected.info.counts} />
          {inspected.info.mode === 'demo' ? (
            <Text size="sm" fw={600} mt="xs">
              {t('backup.demoFile')}
            </Text>
          ) : (
            <Button mt="xs" color="red" onClick={() => void restore()} loading={busy}>
              {t('backup.restore')}
            </Button>
          )}
        </Alert>
      )}
    </Paper>
  );
}
