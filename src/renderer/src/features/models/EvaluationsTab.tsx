/** Yearly evaluations of a model: rating Tốt/Khá/Trung bình/Yếu and what it achieved. */
import { Anchor, Badge, Grid, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluationInput, RATINGS, type Evaluation, type Rating } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { ChoiceField } from '../../components/ChoiceField';
import { DialogForm } from '../../components/DialogForm';
import { FIRST_FIELD } from '../../components/form';
import { SubRecords, type SubRecordTabProps } from '../../components/SubRecords';
import { useDialogForm } from '../../components/useDialogForm';

export const RATING_COLORS: Record<Rating, string> = { tot: 'teal', kha: 'blue', trung_binh: 'yellow', yeu: 'red' };

export function EvaluationsTab({ parentId: modelId, ...tab }: SubRecordTabProps<Evaluation>) {
  const { t } = useTranslation();
  return (
    <SubRecords
      {...tab}
      label={t('tabs.evaluations')}
      addLabel={t('evaluations.add')}
      emptyText={t('evaluations.empty')}
      modalSize="lg"
      columns={[
        { header: t('evaluations.year'), cell: (evaluation) => evaluation.year },
        {
          header: t('evaluations.rating'),
          width: 120,
          cell: (evaluation) => (
            <Badge color={RATING_COLORS[evaluation.rating]} variant="light" tt="none" style={{ overflow: 'visible' }}>
              {t(`rating.${evaluation.rating}`)}
            </Badge>
          ),
        },
        { header: t('evaluations.tipsPassed'), align: 'right', cell: (evaluation) => formatNumber(evaluation.tipsPassed) },
        { header: t('evaluations.offendersCaught'), align: 'right', cell: (evaluation) => formatNumber(evaluation.offendersCaught) },
        { header: t('evaluations.incidentsPrevented'), align: 'right', cell: (evaluation) => formatNumber(evaluation.incidentsPrevented) },
        { header: t('evaluations.notes'), cell: (evaluation) => evaluation.notes },
      ]}
      describe={(evaluation) => ({ name: String(evaluation.year), removeQuestion: t('evaluations.removeConfirm', { year: evaluation.year }) })}
      remove={(evaluation) => call('evaluations.remove', { id: evaluation.id })}
      form={(evaluation, done) => <EvaluationForm modelId={modelId} evaluation={evaluation} onDone={done} />}
    />
  );
}

/** The tips that came through the model in the year being evaluated, as the Tin báo register counts them. */
function useTipsOfYear(modelId: string, year: unknown): { tips: number; valuable: number } | null {
  const [counts, setCounts] = useState<{ year: number; tips: number; valuable: number } | null>(null);
  const wanted = /^\d{4}$/.test(String(year ?? '').trim()) ? Number(String(year).trim()) : null;
  useEffect(() => {
    if (wanted === null || wanted < 1900 || wanted > 2100) return;
    let live = true;
    call('tips.list', { modelId, from: `01/01/${wanted}`, to: `31/12/${wanted}`, offset: 0, limit: 1 }).then(
      (list) => live && setCounts({ year: wanted, tips: list.counts.tips, valuable: list.counts.valuable }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [modelId, wanted]);
  return counts && counts.year === wanted ? counts : null;
}

function EvaluationForm({ modelId, evaluation, onDone }: { modelId: string; evaluation: Evaluation | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { form, register, errors, dialog } = useDialogForm(
    evaluationInput,
    {
      modelId,
      year: evaluation?.year ?? new Date().getFullYear() - 1,
      rating: evaluation?.rating,
      tipsPassed: evaluation?.tipsPassed ?? 0,
      offendersCaught: evaluation?.offendersCaught ?? 0,
      incidentsPrevented: evaluation?.incidentsPrevented ?? 0,
      notes: evaluation?.notes ?? '',
    },
    (values) => (evaluation ? call('evaluations.update', { id: evaluation.id, version: versionOf(evaluation), values }) : call('evaluations.create', values)),
    onDone,
  );
  const tips = useTipsOfYear(modelId, form.watch('year'));
  return (
    <DialogForm {...dialog}>
      <Grid gap="sm">
        <Grid.Col span={6}>
          <TextInput label={t('evaluations.year')} withAsterisk inputMode="numeric" {...FIRST_FIELD} {...register('year')} error={errors.year?.message} />
        </Grid.Col>
        <Grid.Col span={6}>
          <ChoiceField control={form.control} name="rating" label={t('evaluations.rating')} data={RATINGS.map((rating) => ({ value: rating, label: t(`rating.${rating}`) }))} />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput
            label={t('evaluations.tipsPassed')}
            inputMode="numeric"
            description={
              tips && (
                <>
                  {t('evaluations.tipsInRegister', { tips: formatNumber(tips.tips), valuable: formatNumber(tips.valuable) })}{' '}
                  {tips.tips > 0 && (
                    <Anchor component="button" type="button" size="xs" onClick={() => form.setValue('tipsPassed', tips.tips, { shouldDirty: true })}>
                      {t('evaluations.useTips')}
                    </Anchor>
                  )}
                </>
              )
            }
            {...register('tipsPassed')}
            error={errors.tipsPassed?.message}
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput label={t('evaluations.offendersCaught')} inputMode="numeric" {...register('offendersCaught')} error={errors.offendersCaught?.message} />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput label={t('evaluations.incidentsPrevented')} inputMode="numeric" {...register('incidentsPrevented')} error={errors.incidentsPrevented?.message} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('evaluations.notes')} autosize minRows={3} {...register('notes')} error={errors.notes?.message} />
        </Grid.Col>
      </Grid>
    </DialogForm>
  );
}
