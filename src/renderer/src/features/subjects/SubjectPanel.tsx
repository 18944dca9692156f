/** A person's full record in a side panel: general information, the review timeline, history. Opening it is audited. */
import { Alert, Badge, Button, Drawer, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IconArrowBackUp } from '@tabler/icons-react';
import { personLabel, SUBJECT_STATUSES, type MergeLink, type SubjectDetail, type SubjectStatus } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { AuditTrail, StatusChangeModal, StatusHistory } from '../../components/history';
import { notifyError, notifySaved } from '../../components/notify';
import { useEscapeLayer } from '../../components/layers';
import { TrashButton, useDirtyGuard } from '../../components/record-panel';
import { printHref } from '../../print/PrintPage';
import { ReviewsTab } from './ReviewsTab';
import { SubjectForm } from './SubjectForm';
import { formatDate } from '../../../../shared/dates';

export type SubjectTarget = { kind: 'new' } | { kind: 'existing'; id: string };

interface SubjectPanelProps {
  target: SubjectTarget | null;
  onClose: () => void;
  onChanged: () => void;
  onOpen: (target: SubjectTarget) => void;
}

export function SubjectPanel({ target, onClose, onChanged, onOpen }: SubjectPanelProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [detail, setDetail] = useState<SubjectDetail | null>(null);
  const [tab, setTab] = useState<string | null>('general');
  const [statusOpen, setStatusOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const { setDirty, close, markSaved } = useDirtyGuard(onClose);
  useEscapeLayer(target !== null, () => void close());

  const load = useCallback(
    (id: string) =>
      call('subjects.get', { id }).then(
        (loaded) => {
          setDetail(loaded);
          setRefreshKey((key) => key + 1);
        },
        (error: unknown) => notifyError(error, t('common.error')),
      ),
    [t],
  );

  // The page gives each target its own panel instance (key), so state starts fresh per record.
  const targetId = target?.kind === 'existing' ? target.id : null;
  useEffect(() => {
    if (targetId) void load(targetId);
  }, [targetId, load]);

  const subject = detail?.subject ?? null;
  const trashed = Boolean(subject?.deletedAt);
  const childChanged = () => {
    if (subject) void load(subject.id);
    onChanged();
  };

  const trashOrRestore = async () => {
    if (!subject) return;
    try {
      if (trashed) {
        await call('subjects.restore', { id: subject.id });
        notifySaved(t('subjects.restoredDone'));
        void load(subject.id);
      } else {
        if (!(await confirm({ title: t('common.trash'), message: t('subjects.trashConfirm', { name: subject.fullName }), danger: true, confirmLabel: t('common.trash') }))) return;
        await call('subjects.trash', { id: subject.id });
        notifySaved(t('subjects.trashedDone'));
        onClose();
      }
      onChanged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  /** "Hoàn tác gộp": `mergedId` comes back out of the Trash and both records are as they were before the merge. */
  const unmerge = async (merged: MergeLink, kept: MergeLink) => {
    if (!(await confirm({ title: t('subjects.unmerge'), message: t('subjects.unmergeConfirm', { merged: personLabel(merged), kept: personLabel(kept) }), confirmLabel: t('subjects.unmerge') }))) return;
    try {
      await call('subjects.unmerge', { mergedId: merged.id });
      notifySaved(t('subjects.unmergedDone'));
      childChanged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  const title = target?.kind === 'new' ? t('subjects.new') : subject ? personLabel(subject) : t('common.loading');
  const statusLabel = (status: string) => t(`subjectStatus.${status}`);

  return (
    <Drawer opened={target !== null} onClose={() => void close()} position="right" size={820} title={<Text fw={600} size="lg">{title}</Text>} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {target?.kind === 'new' && (
        <SubjectForm
          subject={null}
          onDirtyChange={setDirty}
          onCancel={() => void close()}
          onSaved={(saved) => {
            markSaved();
            onChanged();
            onOpen({ kind: 'existing', id: saved.id });
          }}
        />
      )}
      {target?.kind === 'existing' && !detail && <Loader />}
      {target?.kind === 'existing' && detail && subject && (
        <>
          <Group justify="space-between" mb="sm">
            <Group gap="xs">
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
            </Group>
            <Group gap="xs">
              <Button variant="default" size="xs" component="a" href={printHref('subject', { id: subject.id })}>
                {t('common.print')}
              </Button>
              {!trashed && (
                <Button variant="default" size="xs" onClick={() => setStatusOpen(true)}>
                  {t('history.changeStatus')}
                </Button>
              )}
              {!subject.mergedInto && <TrashButton trashed={trashed} onClick={() => void trashOrRestore()} />}
            </Group>
          </Group>
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
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List mb="md">
              <Tabs.Tab value="general">{t('tabs.general')}</Tabs.Tab>
              <Tabs.Tab value="reviews">
                {t('tabs.reviews')} ({detail.reviews.length})
              </Tabs.Tab>
              <Tabs.Tab value="history">{t('tabs.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="general">
              <SubjectForm
                key={`${subject.id}:${subject.updatedAt}`}
                subject={subject}
                readOnly={trashed}
                onDirtyChange={setDirty}
                onCancel={() => void close()}
                onSaved={() => {
                  markSaved();
                  childChanged();
                }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="reviews">
              <ReviewsTab subjectId={subject.id} reviews={detail.reviews} readOnly={trashed} onChanged={childChanged} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <Stack gap="md">
                <StatusHistory changes={detail.statusChanges} statusLabel={statusLabel} />
                <AuditTrail related entity="subject" entityId={subject.id} refreshKey={refreshKey} />
              </Stack>
            </Tabs.Panel>
          </Tabs>
          {statusOpen && (
            <StatusChangeModal
              opened={statusOpen}
              current={subject.status}
              statuses={SUBJECT_STATUSES}
              statusLabel={statusLabel}
              save={(values) => call('subjects.changeStatus', { ...values, id: subject.id, status: values.status as SubjectStatus })}
              onClose={() => setStatusOpen(false)}
              onChanged={childChanged}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
