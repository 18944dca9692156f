/** Step 5, "Kết quả": what the commit wrote, the rows left out and why, the report to keep. */
import { Button, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowRight, IconDownload, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../../shared/imports';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { download } from '../../components/files';
import { notifyError, notifySaved } from '../../components/notify';
import { StepHeading } from './StepHeading';
import { undoneText, useUndoImport } from './useUndoImport';

function Figure({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

/** What an undo did, as one sentence (members and an earlier interrupted undo only when there were any). */
export function SummaryStep({ sessionId, summary, onAnother }: { sessionId: string; summary: ImportSummary; onAnother: () => void }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const { undo, undoing, undone } = useUndoImport(summary.runId, {
    title: t('imports.undoTitle'),
    message: t(summary.register === 'models' ? 'imports.undoQuestionModels' : 'imports.undoQuestion', { added: formatNumber(summary.added), updated: formatNumber(summary.updated) }),
    confirmLabel: t('imports.undo'),
  });

  const saveReport = async () => {
    setSaving(true);
    try {
      if (window.api?.pickExportFile) {
        const path = await window.api.pickExportFile('bao-cao-nhap.csv');
        if (!path) return;
        await call('imports.saveReport', { sessionId, target: { path } });
        notifySaved(t('imports.reportSaved', { path }));
      } else {
        const report = await call('imports.saveReport', { sessionId, target: 'download' });
        if (report.downloadUrl) download(report.downloadUrl);
        notifySaved(t('imports.reportDownloaded', { file: report.fileName }));
      }
    } catch (error) {
      notifyError(error, t('imports.reportFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md" maw={860}>
      <StepHeading>{t('imports.steps.result')}</StepHeading>
      <Text>{t('imports.summaryLine', { file: summary.fileName, sheet: summary.sheet, register: t(`imports.registers.${summary.register}`) })}</Text>
      <SimpleGrid cols={4} data-testid="import-summary">
        <Figure label={t('imports.actions.add')} value={summary.added} color="teal.8" />
        <Figure label={t('imports.actions.update')} value={summary.updated} color="blue.8" />
        <Figure label={t('imports.actions.same')} value={summary.unchanged} color="gray.8" />
        <Figure label={t('imports.actions.skip')} value={summary.skipped.length} color="dark" />
      </SimpleGrid>
      {summary.catalogueAdded.length > 0 && (
        <Text size="sm" data-testid="import-catalogue-added">
          {t('imports.catalogueAdded', { entries: summary.catalogueAdded.map((entry) => `${t(`imports.catalogues.${entry.catalogue}`)} "${entry.name}"`).join(', ') })}
        </Text>
      )}
      {summary.skipped.length > 0 && (
        <Table withTableBorder striped verticalSpacing={4} captionSide="top">
          <Table.Caption>{t('imports.skippedRows')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>{t('imports.row')}</Table.Th>
              <Table.Th>{t('imports.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.skipped.map((row) => (
              <Table.Tr key={row.rowNumber}>
                <Table.Td>{row.rowNumber}</Table.Td>
                <Table.Td>{row.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {undone && (
        <Text size="sm" data-testid="import-undone">
          {undoneText(t, undone)}
        </Text>
      )}
      <Group gap="xs">
        <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => void saveReport()} loading={saving}>
          {t('imports.saveReport')}
        </Button>
        {summary.added > 0 && !undone && (
          <Button variant="default" color="red" leftSection={<IconArrowBackUp size={16} />} onClick={() => void undo()} loading={undoing}>
            {t('imports.undo')}
          </Button>
        )}
        <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={onAnother}>
          {t('imports.another')}
        </Button>
        <Button component="a" href={`#/${summary.register}`} rightSection={<IconArrowRight size={16} />}>
          {t('imports.openRegister', { register: t(`imports.registers.${summary.register}`) })}
        </Button>
      </Group>
    </Stack>
  );
}
