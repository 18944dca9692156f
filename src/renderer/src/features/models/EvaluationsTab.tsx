/** Yearly evaluations of a model: rating Tốt/Khá/Trung bình/Yếu and what it achieved. */
import { Badge, Grid, Select, TextInput, Textarea } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { evaluationInput, RATINGS, type Evaluation, type Rating } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { formKeys, saveOrShowErrors, useSchemaForm, FIRST_FIELD } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifySaved } from '../../components/notify';
import { useReportDirty } from '../../components/record-panel';
import { SubRecords } from '../../components/SubRecords';

export const RATING_COLORS: Record<Rating, string> = { tot: 'teal', kha: 'blue', trung_binh: 'yellow', yeu: 'red' };

interface EvaluationsTabProps {
  modelId: string;
  evaluations: Evaluation[];
  readOnly: boolean;
  onChanged: () => void;
}

export function EvaluationsTab({ modelId, evaluations, readOnly, onChanged }: EvaluationsTabProps) {
  const { t } = useTranslation();
  return (
    <SubRecords
      rows={evaluations}
      label={t('tabs.evaluations')}
      addLabel={t('evaluations.add')}
      emptyText={t('evaluations.empty')}
      readOnly={readOnly}
      onChanged={onChanged}
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

function EvaluationForm({ modelId, evaluation, onDone }: { modelId: string; evaluation: Evaluation | null; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(evaluationInput, {
    modelId,
    year: evaluation?.year ?? new Date().getFullYear() - 1,
    rating: evaluation?.rating,
    tipsPassed: evaluation?.tipsPassed ?? 0,
    offendersCaught: evaluation?.offendersCaught ?? 0,
    incidentsPrevented: evaluation?.incidentsPrevented ?? 0,
    notes: evaluation?.notes ?? '',
  });
  const { register, handleSubmit, formState, control } = form;
  const { errors } = formState;
  useReportDirty(formState.isDirty);
  const submit = handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const values = form.getValues();
        if (evaluation) await call('evaluations.update', { id: evaluation.id, values });
        else await call('evaluations.create', values);
        notifySaved(t('common.saved'));
        onDone();
      },
      t('common.error'),
    ),
  );
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Grid gap="sm">
        <Grid.Col span={6}>
          <TextInput label={t('evaluations.year')} withAsterisk inputMode="numeric" {...FIRST_FIELD} {...register('year')} error={errors.year?.message} />
        </Grid.Col>
        <Grid.Col span={6}>
          <Controller
            control={control}
            name="rating"
            render={({ field }) => (
              <Select
                label={t('evaluations.rating')}
                withAsterisk
                data={RATINGS.map((rating) => ({ value: rating, label: t(`rating.${rating}`) }))}
                value={field.value ?? null}
                onChange={(value) => field.onChange(value ?? undefined)}
                allowDeselect={false}
                ref={field.ref}
                error={errors.rating?.message}
              />
            )}
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput label={t('evaluations.tipsPassed')} inputMode="numeric" {...register('tipsPassed')} error={errors.tipsPassed?.message} />
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
      <FormFooter saving={formState.isSubmitting} />
    </form>
  );
}
