/**
 * The first run of the real data (after the first administrator is made): where the data and the backups
 * are kept, and how to begin: new data, an existing data file, a backup, or the demo data to try first.
 * On a shared server only new data and the demo are offered: a restore replaces this PC's file.
 */
import { Alert, Button, Code, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDatabaseImport, IconFileDatabase, IconPlayerPlay, IconShieldCheck, IconTestPipe } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/app';
import type { BackupStatus } from '../../../shared/backup';
import { call } from '../api/client';
import { notifyError, notifySaved } from '../components/notify';
import { linkedFilter } from '../components/register-link';
import { RestorePanel } from '../features/backup/RestorePanel';

type Choice = 'dataFile' | 'backup';

export function Welcome({ info, onStartEmpty, onOpenDemo }: { info: AppInfo; onStartEmpty: () => void; onOpenDemo: () => void }) {
  const { t } = useTranslation();
  // Opened with a backup file (from the file manager): its restore is already open.
  const openedFile = linkedFilter('file');
  const [choice, setChoice] = useState<Choice | null>(openedFile ? 'backup' : null);
  const onServer = info.engine === 'postgres';
  return (
    <Stack mih="100vh" bg="gray.0" align="center" justify="center" py="xl">
      <Paper withBorder shadow="sm" p="xl" maw={820} w="100%">
        <Stack gap="md">
          <Group gap="sm">
            <IconShieldCheck size={36} color="#1c5fa8" />
            <Title order={2}>{t('welcome.title')}</Title>
          </Group>
          <Text>{onServer ? t('welcome.introServer') : t('welcome.intro')}</Text>
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {onServer ? t('welcome.server') : t('welcome.dataFile')}
            </Text>
            <Code block>{info.dataFile}</Code>
          </Stack>
          {!onServer && <DataFolder dataFile={info.dataFile} />}
          <BackupFolder />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <ChoiceCard icon={<IconPlayerPlay size={20} />} title={t('welcome.newTitle')} text={t('welcome.newText')}>
              <Button onClick={onStartEmpty}>{t('welcome.startEmpty')}</Button>
            </ChoiceCard>
            {/* A restore replaces this PC's file: not offered on a server (Settings → Nguồn dữ liệu copies a file up). */}
            {!onServer && (
              <>
                <ChoiceCard icon={<IconFileDatabase size={20} />} title={t('welcome.dataFileTitle')} text={t('welcome.dataFileText')}>
                  <Button variant="default" onClick={() => setChoice('dataFile')} aria-pressed={choice === 'dataFile'}>
                    {t('welcome.openDataFile')}
                  </Button>
                </ChoiceCard>
                <ChoiceCard icon={<IconDatabaseImport size={20} />} title={t('welcome.backupTitle')} text={t('welcome.backupText')}>
                  <Button variant="default" onClick={() => setChoice('backup')} aria-pressed={choice === 'backup'}>
                    {t('welcome.restoreBackup')}
                  </Button>
                </ChoiceCard>
              </>
            )}
            <ChoiceCard icon={<IconTestPipe size={20} />} title={t('welcome.demoTitle')} text={t('welcome.demoNote')}>
              <Button variant="light" color="orange" onClick={onOpenDemo}>
                {t('welcome.openDemo')}
              </Button>
            </ChoiceCard>
          </SimpleGrid>
          {choice && (
            <RestorePanel
              key={choice}
              title={choice === 'dataFile' ? t('welcome.dataFileTitle') : t('welcome.backupTitle')}
              intro={choice === 'dataFile' ? t('welcome.dataFileSteps') : t('welcome.backupSteps')}
              openedFile={choice === 'backup' ? openedFile : null}
            />
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function ChoiceCard({ icon, title, text, children }: { icon: ReactNode; title: string; text: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="xs" h="100%" justify="space-between">
        <Stack gap={4}>
          <Group gap={6}>
            {icon}
            <Text fw={700}>{title}</Text>
          </Group>
          <Text size="sm">{text}</Text>
        </Stack>
        <Group>{children}</Group>
      </Stack>
    </Paper>
  );
}

/**
 * A folder shown in a field and changed by a button: `change` saves the typed path and answers the folder
 * as kept (its error, e.g. a path that is not a full one, shows under the field).
 */
function FolderField({ label, hint, button, initial, change }: { label: string; hint: string; button: string; initial: string; change: (folder: string) => Promise<string> }) {
  const [kept, setKept] = useState(initial);
  const [folder, setFolder] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const saved = await change(folder.trim());
      setKept(saved);
      setFolder(saved);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput style={{ flex: 1 }} label={label} description={hint} value={folder} onChange={(event) => setFolder(event.currentTarget.value)} error={error} />
      <Button variant="default" onClick={() => void save()} loading={saving} disabled={folder.trim() === kept}>
        {button}
      </Button>
    </Group>
  );
}

/** The data folder of the next starts: another one chosen here (this run keeps its file). */
function DataFolder({ dataFile }: { dataFile: string }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const change = async (folder: string) => {
    const saved = (await call('app.setDataFolder', { folder })).folder;
    setChosen(saved);
    return saved;
  };
  return (
    <Stack gap={4}>
      <FolderField label={t('welcome.dataFolder')} hint={t('welcome.dataFolderHint')} button={t('welcome.changeDataFolder')} initial={dataFile.replace(/[\\/][^\\/]*$/, '')} change={change} />
      {chosen && (
        <Alert color="blue" data-testid="data-folder-chosen">
          {t('welcome.dataFolderChosen', { folder: chosen })}
        </Alert>
      )}
    </Stack>
  );
}

/** The automatic backups' folder, shown and changed here (the Backup page has the rest of their settings). */
function BackupFolder() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<BackupStatus | null>(null);
  useEffect(() => {
    call('backup.status', {}).then(setStatus, notifyError);
  }, []);
  if (!status) return null;
  const { settings } = status;
  const change = async (folder: string) => {
    const saved = await call('backup.setSettings', {
      automatic: settings.automatic,
      intervalHours: settings.intervalHours,
      folder: folder === settings.defaultFolder ? '' : folder,
      secondFolder: settings.secondFolder,
      encryptAutomatic: settings.encryptAutomatic,
    });
    setStatus(saved);
    notifySaved(t('welcome.backupFolderSaved'));
    return saved.settings.folder;
  };
  return <FolderField label={t('welcome.backupFolder')} hint={t('welcome.backupFolderHint')} button={t('welcome.changeBackupFolder')} initial={settings.folder} change={change} />;
}
