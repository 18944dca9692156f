/** The notices above a person's record: in the Trash, merged into another record, or with others merged in (each merge with its undo). */
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { personLabel, type MergeLink, type SubjectDetail } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { notifyError, notifySaved } from '../../components/notify';

export function MergeNotices({ detail, onUnmerged }: { detail: SubjectDetail; onUnmerged: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const { subject } = detail;
  const trashed = Boolean(subject.deletedAt);

  /** "Hoàn tác gộp": `mergedId` comes back out of the Trash and both records are as they were before the merge. */
  const unmerge = async (merged: MergeLink, kept: MergeLink) => {
    if (!(await confirm({ title: t('subjects.unmerge'), message: t('subjects.unmergeConfirm', { merged: personLabel(merged), kept: personLabel(kept) }), confirmLabel: t('subjects.unmerge') }))) return;
    try {
      await call('subjects.unmerge', { mergedId: merged.id });
      notifySaved(t('subjects.unmergedDone'));
      onUnmerged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  return (
    <>
      {trashed && detail.mergedIntoRecord && (
        <Alert color="orange" mb="sm">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('subjects.mergedIntoNamed', { name: personLabel(detail.mergedIntoRecord) })}</Text>
            <Button size="xs" variant="white" leftSection={<IconArrowBackUp size={14} />} onClick={() => void unmerge(subject, detail.mergedIntoRecord!)}>
              {t('subjects.unmerge')}
            </Button>
          </Group>
        </Alert>
      )}
      {trashed && !detail.mergedIntoRecord && (
        <Alert color="orange" mb="sm">
          {subject.mergedInto ? t('subjects.mergedInto') : t('subjects.inTrash')}
        </Alert>
      )}
      {detail.mergedFrom.map((merged) => (
        <Alert key={merged.id} color="blue" mb="sm">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{t('subjects.mergedFromNamed', { name: personLabel(merged) })}</Text>
            <Button
              size="xs"
              variant="white"
              leftSection={<IconArrowBackUp size={14} />}
              onClick={() => void unmerge(merged, subject)}
              aria-label={`${t('subjects.unmerge')}: ${personLabel(merged)}`}
            >
              {t('subjects.unmerge')}
            </Button>
          </Group>
        </Alert>
      ))}
    </>
  );
}
