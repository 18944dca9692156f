/** Step 3, "Kiểm tra": every row read and compared with the register, with progress and a way out. */
import { Alert, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { IconInfoCircle, IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../../shared/text';
import { StepHeading } from './StepHeading';

/** null: the first chunk is still being read, so the total is not known yet. */
export type CheckProgress = { done: number; total: number } | null;

export function CheckStep({ progress, onStop }: { progress: CheckProgress; onStop: () => void }) {
  const { t } = useTranslation();
  const text = progress ? t('imports.checked', { done: formatNumber(progress.done), total: formatNumber(progress.total) }) : t('imports.checkStarting');
  const percent = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 100;

  return (
    <Stack gap="md" maw={640}>
      <StepHeading>{t('imports.steps.check')}</StepHeading>
      <Text aria-live="polite" data-testid="import-progress">
        {text}
      </Text>
      <Progress value={percent} animated={!progress} striped={!progress} size="lg" aria-label={text} />
      <Alert color="blue" icon={<IconInfoCircle size={18} />} py="xs">
        {t('imports.nothingWrittenYet')}
      </Alert>
      <Group>
        <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={onStop}>
          {t('imports.stop')}
        </Button>
      </Group>
    </Stack>
  );
}
