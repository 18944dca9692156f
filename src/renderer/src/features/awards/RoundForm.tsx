/** Add or edit an award round (đợt khen thưởng). */
import { Grid, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roundInput, type Round } from '../../../../shared/awards';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { formKeys, saveOrShowErrors, useSchemaForm, FIRST_FIELD } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifySaved } from '../../components/notify';
import { useReportDirty } from '../../components/record-panel';
import { formatDate } from '../../../../shared/dates';

export function RoundForm({ round, onDone }: { round: Round | null; onDone: (round: Round) => void }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const form = useSchemaForm(roundInput, {
    name: round?.name ?? '',
    occasion: round?.occasion ?? '',
    periodFrom: round?.periodFrom ?? thisYear,
    periodTo: round?.periodTo ?? thisYear,
    deadline: formatDate(round?.deadline),
    authority: round?.authority ?? '',
  });
  const { register, formState } = form;
  const { errors } = formState;
  useReportDirty(formState.isDirty);
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const values = form.getValues();
        const saved = round ? await call('rounds.update', { id: round.id, version: versionOf(round), values }) : await call('rounds.create', values);
        notifySaved(t('common.saved'));
        onDone(saved);
      },
      t('common.error'),
    ),
  );
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Grid gap="sm">
        <Grid.Col span={12}>
          <TextInput label={t('awards.roundName')} withAsterisk {...FIRST_FIELD} placeholder="Sơ kết 05 năm Chương trình 09" {...register('name')} error={errors.name?.message} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('awards.occasion')} autosize minRows={2} {...register('occasion')} error={errors.occasion?.message} />
        </Grid.Col>
        <Grid.Col span={3}>
          <TextInput label={t('awards.periodFrom')} withAsterisk inputMode="numeric" {...register('periodFrom')} error={errors.periodFrom?.message} />
        </Grid.Col>
        <Grid.Col span={3}>
          <TextInput label={t('awards.periodTo')} withAsterisk inputMode="numeric" {...register('periodTo')} error={errors.periodTo?.message} />
        </Grid.Col>
        <Grid.Col span={6}>
          <TextInput label={t('awards.deadline')} placeholder="dd/mm/yyyy" {...register('deadline')} error={errors.deadline?.message} />
        </Grid.Col>
        <Grid.Col span={12}>
          <TextInput label={t('awards.authority')} placeholder="Ủy ban nhân dân Quận 6" {...register('authority')} error={errors.authority?.message} />
        </Grid.Col>
      </Grid>
      <FormFooter saving={formState.isSubmitting} />
    </form>
  );
}
