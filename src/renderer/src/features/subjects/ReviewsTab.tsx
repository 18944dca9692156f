/** A person's periodic reviews as a timeline, newest first: result, job situation, notes, reviewer. */
import { Badge, Grid, Group, Text, TextInput, Textarea, Timeline } from '@mantine/core';
import { IconCircleCheck, IconAlertTriangle, IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { REVIEW_RESULTS, reviewInput, type Review, type ReviewResult } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { ChoiceField } from '../../components/ChoiceField';
import { DialogForm } from '../../components/DialogForm';
import { FIRST_FIELD } from '../../components/form';
import { SubRecords, type SubRecordTabProps } from '../../components/SubRecords';
import { useDialogForm } from '../../components/useDialogForm';
import { formatDate } from '../../../../shared/dates';

export const RESULT_COLORS: Record<ReviewResult, string> = { tien_bo: 'teal', chua_tien_bo: 'yellow', vi_pham: 'red' };
const RESULT_ICONS: Record<ReviewResult, typeof IconCircleCheck> = { tien_bo: IconCircleCheck, chua_tien_bo: IconClockHour4, vi_pham: IconAlertTriangle };

export function ReviewsTab({ parentId: subjectId, ...tab }: SubRecordTabProps<Review>) {
  const { t } = useTranslation();
  return (
    <SubRecords
      {...tab}
      label={t('reviews.title')}
      addLabel={t('reviews.add')}
      emptyText={t('reviews.empty')}
      modalSize="lg"
      columns={[]}
      describe={(review) => ({ name: formatDate(review.reviewedOn), removeQuestion: t('reviews.removeConfirm', { date: formatDate(review.reviewedOn) }) })}
      remove={(review) => call('reviews.remove', { id: review.id })}
      form={(review, done) => <ReviewForm subjectId={subjectId} review={review} onDone={done} />}
      renderList={(rows, actions) => (
        <Timeline bulletSize={26} lineWidth={2} aria-label={t('reviews.title')}>
          {rows.map((review) => {
            const Icon = RESULT_ICONS[review.result];
            return (
              <Timeline.Item key={review.id} bullet={<Icon size={16} />} color={RESULT_COLORS[review.result]} data-testid="review-item">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div>
                    <Group gap="xs">
                      <Text fw={600}>{formatDate(review.reviewedOn)}</Text>
                      {review.period && <Text c="dimmed">· {review.period}</Text>}
                      <Badge color={RESULT_COLORS[review.result]} variant="light" tt="none">
                        {t(`reviewResult.${review.result}`)}
                      </Badge>
                    </Group>
                    {review.jobSituation && (
                      <Text size="sm">
                        {t('reviews.jobSituation')}: {review.jobSituation}
                      </Text>
                    )}
                    {review.notes && <Text size="sm">{review.notes}</Text>}
                    {review.reviewer && (
                      <Text size="xs" c="dimmed">
                        {t('reviews.reviewer')}: {review.reviewer}
                      </Text>
                    )}
                  </div>
                  {actions(review)}
                </Group>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    />
  );
}

function ReviewForm({ subjectId, review, onDone }: { subjectId: string; review: Review | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, register, errors, dialog } = useDialogForm(
    reviewInput,
    {
      subjectId,
      reviewedOn: review ? formatDate(review.reviewedOn) : formatDate(new Date().toISOString().slice(0, 10)),
      period: review?.period ?? '',
      result: review?.result,
      jobSituation: review?.jobSituation ?? '',
      notes: review?.notes ?? '',
      reviewer: review?.reviewer ?? '',
    },
    (values) => (review ? call('reviews.update', { id: review.id, version: versionOf(review), values }) : call('reviews.create', values)),
    onDone,
  );
  return (
    <DialogForm {...dialog}>
      <Grid gap="sm">
        <Grid.Col span={4}>
          <TextInput label={t('reviews.reviewedOn')} withAsterisk {...FIRST_FIELD} placeholder="dd/mm/yyyy" {...register('reviewedOn')} error={errors.reviewedOn?.message} />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput label={t('reviews.period')} placeholder="Tháng 10/2026" {...register('period')} error={errors.period?.message} />
        </Grid.Col>
        <Grid.Col span={4}>
          <ChoiceField control={form.control} name="result" label={t('reviews.result')} data={REVIEW_RESULTS.map((result) => ({ value: result, label: t(`reviewResult.${result}`) }))} />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput label={t('reviews.jobSituation')} placeholder="Có việc làm ổn định / thất nghiệp…" {...register('jobSituation')} error={errors.jobSituation?.message} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('reviews.notes')} autosize minRows={3} {...register('notes')} error={errors.notes?.message} />
        </Grid.Col>
        <Grid.Col span={6}>
          <TextInput label={t('reviews.reviewer')} {...register('reviewer')} error={errors.reviewer?.message} />
        </Grid.Col>
      </Grid>
    </DialogForm>
  );
}
