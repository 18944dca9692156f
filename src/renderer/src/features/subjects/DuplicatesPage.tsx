/** Hồ sơ trùng lặp: likely duplicate pairs across the register, merged in one step with nothing lost. */
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBirth, type DuplicatePair, type SubjectRow } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { notifyError, notifySaved } from '../../components/notify';
import { MergeCompare } from './MergeCompare';
import { formatDate } from '../../../../shared/dates';

function RecordCard({ row, onKeep }: { row: SubjectRow; onKeep: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Text fw={600}>{row.fullName}</Text>
      <Text size="sm">
        {t('subjects.birth')}: {formatBirth(row.birthDate, row.birthYear) || '—'} · {row.wardName}
      </Text>
      <Text size="sm">{row.categoryName}</Text>
      <Text size="sm" c="dimmed">
        {t('subjects.startDate')}: {formatDate(row.startDate)} · {t('subjects.lastReviewOn')}: {formatDate(row.lastReviewOn) || '—'}
      </Text>
      <Button mt="xs" size="xs" variant="light" onClick={onKeep} aria-label={`${t('duplicates.keep')}: ${row.fullName} ${formatBirth(row.birthDate, row.birthYear)}`}>
        {t('duplicates.keep')}
      </Button>
    </Paper>
  );
}

export function DuplicatesPage() {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [pairs, setPairs] = useState<DuplicatePair[] | null>(null);
  const load = useCallback(() => call('subjects.duplicatePairs', {}).then(setPairs, (error: unknown) => notifyError(error)), []);
  useEffect(() => {
    void load();
  }, [load]);

  const merge = async (keep: SubjectRow, other: SubjectRow) => {
    try {
      // Both full records, side by side in the confirmation (reading them is an audited view, as opening them is).
      const [kept, merged] = await Promise.all([call('subjects.get', { id: keep.id }), call('subjects.get', { id: other.id })]);
      const message = <MergeCompare keep={kept} merge={merged} />;
      if (!(await confirm({ title: t('history.actions.merge'), message, confirmLabel: t('history.actions.merge'), size: 820 }))) return;
      await call('subjects.merge', { keepId: keep.id, mergeId: other.id });
      notifySaved(t('duplicates.merged'));
      await load();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  const markDistinct = async (pair: DuplicatePair) => {
    try {
      await call('subjects.markDistinct', { a: pair.a.id, b: pair.b.id });
      notifySaved(t('duplicates.markedDistinct'));
      await load();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t('duplicates.title')}</Title>
      <Text c="dimmed">{t('duplicates.intro')}</Text>
      {pairs?.length === 0 && <Text>{t('duplicates.none')}</Text>}
      {pairs?.map((pair) => (
        <Paper key={`${pair.a.id}:${pair.b.id}`} withBorder p="md" data-testid="duplicate-pair">
          <Group mb="xs">
            <Text size="sm">{t('duplicates.reason')}:</Text>
            <Badge variant="light" color="orange" tt="none">
              {t(pair.reason === 'same_id_number' ? 'subjects.reasonSameId' : 'subjects.reasonSameName')}
            </Badge>
            <Button ml="auto" size="xs" variant="default" onClick={() => void markDistinct(pair)} aria-label={`${t('duplicates.distinct')}: ${pair.a.fullName}`}>
              {t('duplicates.distinct')}
            </Button>
          </Group>
          <SimpleGrid cols={2}>
            <RecordCard row={pair.a} onKeep={() => void merge(pair.a, pair.b)} />
            <RecordCard row={pair.b} onKeep={() => void merge(pair.b, pair.a)} />
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  );
}
