/** A person's full record in a side panel: general information, the review timeline, history. Opening it is audited. */
import { Badge, Button, Text } from '@mantine/core';
import { IconTrashX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { personLabel, SUBJECT_STATUSES, type SubjectStatus } from '../../../../shared/subjects';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../api/client';
import { ChangeStatusButton } from '../../components/ChangeStatusButton';
import { useConfirm } from '../../components/confirm';
import { RecordHistory } from '../../components/history';
import { notifyError, notifySaved } from '../../components/notify';
import { PrintRecordButton } from '../../components/PrintRecordButton';
import { TrashButton } from '../../components/record-panel';
import { RecordDrawer } from '../../components/RecordDrawer';
import { RecordHeader } from '../../components/RecordHeader';
import { RecordTabs } from '../../components/RecordTabs';
import { useRecordPanel, type RecordPanelProps } from '../../components/useRecordPanel';
import { printHref } from '../../print/PrintPage';
import { useSignedIn } from '../auth/AuthGate';
import { MergeNotices } from './MergeNotices';
import { ReviewsTab } from './ReviewsTab';
import { SubjectForm } from './SubjectForm';

const getSubject = (id: string) => call('subjects.get', { id });

/** Deleting a person for good (administrators, from the Trash): asked twice over, with what it removes and what it cannot. */
function PurgeButton({ id, name, onPurged }: { id: string; name: string; onPurged: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const purge = async () => {
    if (!(await confirm({ title: t('subjects.purge'), message: t('subjects.purgeConfirm', { name }), danger: true, confirmLabel: t('subjects.purge') }))) return;
    try {
      const result = await call('subjects.purge', { id });
      notifySaved(t(result.fileCleaned ? 'subjects.purgedDone' : 'subjects.purgedNotCleaned', { records: result.records, reviews: result.reviews }));
      onPurged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };
  return (
    <Button size="xs" variant="filled" color="red" leftSection={<IconTrashX size={14} />} onClick={() => void purge()}>
      {t('subjects.purge')}
    </Button>
  );
}

export function SubjectPanel({ target, onClose, onChanged, onOpen }: RecordPanelProps) {
  const { t } = useTranslation();
  const panel = useRecordPanel({ target, get: getSubject, onClose, onChanged, onOpen });
  const { user } = useSignedIn();

  const statusLabel = (status: string) => t(`subjectStatus.${status}`);

  return (
    <RecordDrawer
      panel={panel}
      size={820}
      newTitle={t('subjects.new')}
      recordTitle={(detail) => personLabel(detail.subject)}
      newForm={<SubjectForm subject={null} {...panel.newFormProps} />}
    >
      {(detail) => {
        const { subject } = detail;
        const trashed = Boolean(subject.deletedAt);
        return (
          <>
            <RecordHeader
              badges={
                <>
                  <Badge variant="light" tt="none">
                    {subject.categoryName}
                    {subject.reintegrationGroup ? ` — Nhóm ${subject.reintegrationGroup}` : ''}
                  </Badge>
                  <Badge variant="outline" tt="none" data-testid="subject-status">
                    {statusLabel(subject.status)}
                  </Badge>
                  {detail.nextReviewDue && (
                    <Text size="sm" c="dimmed">
                      {t('subjects.nextReviewDue')}: {formatDate(detail.nextReviewDue)}
                    </Text>
                  )}
                </>
              }
              actions={
                <>
                  <PrintRecordButton href={printHref('subject', { id: subject.id })} />
                  {!trashed && (
                    <ChangeStatusButton
                      current={subject.status}
                      statuses={SUBJECT_STATUSES}
                      statusLabel={statusLabel}
                      save={(values) => call('subjects.changeStatus', { ...values, id: subject.id, status: values.status as SubjectStatus })}
                      onChanged={panel.changed}
                    />
                  )}
                  {trashed && !subject.mergedInto && user.role === 'admin' && <PurgeButton id={subject.id} name={subject.fullName} onPurged={panel.purged} />}
                  {!subject.mergedInto && (
                    <TrashButton
                      trashed={trashed}
                      onClick={() =>
                        void panel.trashOrRestore(subject, t('subjects.trashConfirm', { name: subject.fullName }), {
                          register: 'subjects',
                          trashedText: t('subjects.trashedDone'),
                          restoredText: t('subjects.restoredDone'),
                        })
                      }
                    />
                  )}
                </>
              }
            />
            <MergeNotices detail={detail} onUnmerged={panel.changed} />
            <RecordTabs
              tabs={[
                {
                  value: 'general',
                  label: t('tabs.general'),
                  content: <SubjectForm key={`${subject.id}:${subject.updatedAt}`} subject={subject} readOnly={trashed} {...panel.editFormProps} />,
                },
                {
                  value: 'reviews',
                  label: `${t('tabs.reviews')} (${detail.reviews.length})`,
                  content: <ReviewsTab parentId={subject.id} rows={detail.reviews} readOnly={trashed} onChanged={panel.changed} />,
                },
                {
                  value: 'history',
                  label: t('tabs.history'),
                  content: <RecordHistory related changes={detail.statusChanges} statusLabel={statusLabel} entity="subject" entityId={subject.id} refreshKey={panel.refreshKey} />,
                },
              ]}
            />
          </>
        );
      }}
    </RecordDrawer>
  );
}
