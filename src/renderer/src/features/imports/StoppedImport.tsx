/**
 * A commit that stopped part way (the disk full, a damaged file): the rows of the batches written before
 * stay in the register. Says so, and offers to undo what was kept as one import (imports.undo).
 */
import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { undoneText, useUndoImport } from './useUndoImport';

export interface StoppedRun {
  runId: string;
  message: string;
}

export function StoppedImport({ stopped }: { stopped: StoppedRun }) {
  const { t } = useTranslation();
  const { undo, undoing, undone } = useUndoImport(stopped.runId, { title: t('imports.undoPartTitle'), message: t('imports.undoPartQuestion'), confirmLabel: t('imports.undoPart') });

  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('imports.stoppedTitle')} data-testid="import-stopped">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{stopped.message}</Text>
        {undone ? (
          <Text size="sm" data-testid="import-undone">
            {undoneText(t, undone)}
          </Text>
        ) : (
          <>
            <Text size="sm">{t('imports.stoppedHint')}</Text>
            <Button variant="default" color="red" leftSection={<IconArrowBackUp size={16} />} onClick={() => void undo()} loading={undoing}>
              {t('imports.undoPart')}
            </Button>
          </>
        )}
      </Stack>
    </Alert>
  );
}
