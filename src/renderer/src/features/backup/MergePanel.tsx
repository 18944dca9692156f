/**
 * "Gộp dữ liệu từ tệp" (the district gathering ward files): pick a ward's backup, merge it, read what was
 * added and updated, and decide the records changed in both places, their fields side by side
 * (services/merge). The records waiting for a decision are listed whenever the page opens.
 */
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowMerge } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../shared/dates';
import { ApiError } from '../../../../shared/errors';
import { fieldLabel, fieldValue } from '../../../../shared/history-text';
import type { MergeConflict, MergeReport } from '../../../../shared/merge';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { uploadFile } from '../../components/files';
import { notifyError, notifySaved } from '../../components/notify';
import { BackupFileFields, ProgressLine, useProgress } from './RestorePanel';

export function MergePanel({ demo = false, onSettled }: { demo?: boolean; onSettled?: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const electron = Boolean(window.api?.pickBackupFile);
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<MergeReport | null>(null);
  const [conflicts, setConflicts] = useState<MergeConflict[]>([]);
  const progress = useProgress(busy);

  const loadConflicts = useCallback(() => {
    call('backup.mergeConflicts', {}).then(setConflicts, () => setConflicts([]));
  }, []);
  useEffect(loadConflicts, [loadConflicts]);

  const merge = async () => {
    setBusy(true);
    setPasswordError(null);
    try {
      const path = electron ? await window.api?.pickBackupFile?.() : null;
      if (electron ? !path : !file) return;
      if (!(await confirm({ title: t('backup.mergeTitle'), message: t('backup.mergeConfirm'), confirmLabel: t('backup.merge') }))) return;
      const ref = path ? { path } : { uploadId: (await uploadFile(file as File)).uploadId };
      const merged = await call('backup.merge', { file: ref, password: password || null });
      setReport(merged);
      setConflicts(merged.conflicts);
      notifySaved(t('backup.merged'));
    } catch (error) {
      if (error instanceof ApiError && error.fields?.some((field) => field.field === 'password')) setPasswordError(error.message);
      else notifyError(error, t('common.error'));
    } finally {
      setBusy(false);
      onSettled?.();
    }
  };

  const decide = async (conflict: MergeConflict, keep: 'ours' | 'theirs') => {
    try {
      await call('backup.decideConflict', { source: conflict.source, register: conflict.register, id: conflict.id, version: conflict.ours.version, keep });
      notifySaved(keep === 'ours' ? t('backup.keptOurs') : t('backup.tookTheirs'));
    } catch (error) {
      notifyError(error, t('common.error'));
    }
    loadConflicts();
  };

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('backup.mergeTitle')}
      </Title>
      <Text size="sm" mb="xs">
        {t('backup.mergeIntro')}
      </Text>
      <BackupFileFields
        electron={electron}
        fileLabel={t('backup.mergeFile')}
        file={file}
        onFile={setFile}
        passwordLabel={t('backup.mergePassword')}
        password={password}
        onPassword={setPassword}
        passwordError={passwordError}
        disabled={demo}
      />
      <Button leftSection={<IconArrowMerge size={16} />} onClick={() => void merge()} loading={busy} disabled={demo || (!electron && !file)}>
        {t('backup.merge')}
      </Button>
      {busy && progress && <ProgressLine progress={progress} />}
      {report && <MergeSummary report={report} />}
      {conflicts.length > 0 && (
        <Stack gap="sm" mt="md" data-testid="merge-conflicts">
          <Title order={5}>{t('backup.conflictsTitle', { count: formatNumber(conflicts.length) })}</Title>
          {conflicts.map((conflict) => (
            <ConflictCard key={`${conflict.source}:${conflict.id}`} conflict={conflict} onDecide={(keep) => void decide(conflict, keep)} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function MergeSummary({ report }: { report: MergeReport }) {
  const { t } = useTranslation();
  const lines = (counts: MergeReport['added']) =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([register, count]) => `${t(`backup.mergeRegisters.${register}`)}: ${formatNumber(count)}`)
      .join('; ');
  const added = lines(report.added);
  const updated = lines(report.updated);
  return (
    <Alert color="blue" mt="sm" title={`${t('backup.merged')} ${report.unit ?? ''}`.trim()} data-testid="merge-report">
      <Text size="sm">{added ? `${t('backup.mergeAdded')}: ${added}` : t('backup.mergeNothingNew')}</Text>
      {updated && <Text size="sm">{`${t('backup.mergeUpdated')}: ${updated}`}</Text>}
      <Text size="sm">{t('backup.mergeSame', { count: formatNumber(report.unchanged), history: formatNumber(report.historyAdded) })}</Text>
      {report.cataloguesAdded.length > 0 && <Text size="sm">{t('backup.mergeCatalogue', { names: report.cataloguesAdded.map((entry) => entry.name).join(', ') })}</Text>}
      {report.notAdded.map((entry) => (
        <Text size="sm" key={`${entry.register}:${entry.label}`} c="orange.9">
          {`${t(`backup.mergeRegisters.${entry.register}`)}: ${entry.label}. ${entry.reason}`}
        </Text>
      ))}
    </Alert>
  );
}

function ConflictCard({ conflict, onDecide }: { conflict: MergeConflict; onDecide: (keep: 'ours' | 'theirs') => void }) {
  const { t } = useTranslation();
  const title = `${t(`backup.mergeRegisters.${conflict.register}`)}: ${conflict.label}`;
  return (
    <Paper withBorder p="sm" aria-label={title} role="group">
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="dimmed" mb="xs">
        {t('backup.conflictWhen', { ours: formatDateTime(conflict.ours.updatedAt), theirs: formatDateTime(conflict.theirs.updatedAt), file: conflict.sourceFile.split(/[\\/]/).pop() })}
      </Text>
      <Table withTableBorder aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('backup.conflictField')}</Table.Th>
            <Table.Th>{t('backup.conflictOurs')}</Table.Th>
            <Table.Th>{t('backup.conflictTheirs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflict.fields.map((field) => (
            <Table.Tr key={field.field}>
              <Table.Td>{fieldLabel(t, conflict.entity, field.field)}</Table.Td>
              <Table.Td>{fieldValue(t, conflict.entity, field.field, field.ours)}</Table.Td>
              <Table.Td>{fieldValue(t, conflict.entity, field.field, field.theirs)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group mt="xs">
        <Button variant="default" size="xs" onClick={() => onDecide('ours')}>
          {t('backup.keepOurs')}
        </Button>
        <Button variant="light" size="xs" onClick={() => onDecide('theirs')}>
          {t('backup.takeTheirs')}
        </Button>
      </Group>
    </Paper>
  );
}
