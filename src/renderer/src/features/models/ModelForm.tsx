/** Add or edit a model's general information; validated as the officer types. */
import { Grid, Select, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MODEL_STATUSES, modelInput, type ModelInput, type ModelRow } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { formKeys, showServerErrors, useSaveShortcut, useSchemaForm, useUnloadGuard, FIRST_FIELD } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifyError, notifySaved } from '../../components/notify';
import { formatDate } from '../../../../shared/dates';

function initialValues(model: ModelRow | null): ModelInput {
  return {
    name: model?.name ?? '',
    typeId: model?.typeId ?? '',
    wardId: model?.wardId ?? '',
    neighbourhoodId: model?.neighbourhoodId ?? '',
    address: model?.address ?? '',
    foundedOn: formatDate(model?.foundedOn),
    foundingDecision: model?.foundingDecision ?? '',
    leaderName: model?.leaderName ?? '',
    leaderPhone: model?.leaderPhone ?? '',
    status: model?.status ?? 'hoat_dong',
    declaredMemberCount: model?.declaredMemberCount == null ? '' : String(model.declaredMemberCount),
    note: model?.note ?? '',
  };
}

interface ModelFormProps {
  model: ModelRow | null;
  readOnly?: boolean;
  onSaved: (model: ModelRow) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function ModelForm({ model, readOnly, onSaved, onCancel, onDirtyChange }: ModelFormProps) {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const form = useSchemaForm(modelInput, initialValues(model));
  const { register, control, handleSubmit, watch, setValue, formState } = form;
  const { errors, isDirty, isSubmitting } = formState;
  const wardId = watch('wardId');

  useEffect(() => onDirtyChange(isDirty), [isDirty, onDirtyChange]);
  useUnloadGuard(isDirty);

  const submit = handleSubmit(async (_values) => {
    const raw = form.getValues();
    try {
      const saved = model ? await call('models.update', { id: model.id, version: versionOf(model), values: raw }) : await call('models.create', raw);
      form.reset(initialValues(saved));
      notifySaved(model ? t('common.saved') : t('models.createdDone'));
      onSaved(saved);
    } catch (error) {
      if (!showServerErrors(form, error)) notifyError(error, t('common.error'));
    }
  });

  const formElement = useRef<HTMLFormElement>(null);
  useSaveShortcut(formElement);

  const neighbourhoods = catalogues.neighbourhoods.filter((item) => item.wardId === wardId);

  return (
    <form onSubmit={submit} ref={formElement} onKeyDown={formKeys('next')} noValidate aria-label={model ? t('common.edit') : t('models.new')}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Grid gap="sm">
          <Grid.Col span={12}>
            <TextInput label={t('models.name')} withAsterisk {...FIRST_FIELD} {...register('name')} error={errors.name?.message} />
          </Grid.Col>
          <Grid.Col span={6}>
            <Controller
              control={control}
              name="typeId"
              render={({ field }) => (
                <Select
                  label={t('models.type')}
                  withAsterisk
                  searchable
                  data={catalogueOptions(catalogues.modelTypes, model?.typeId)}
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.typeId?.message}
                />
              )}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <Controller
              control={control}
              name="status"
              render={({ field }) => (
                <Select
                  label={t('models.status')}
                  data={MODEL_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
                  value={field.value ?? 'hoat_dong'}
                  onChange={(value) => field.onChange(value ?? 'hoat_dong')}
                  allowDeselect={false}
                  ref={field.ref}
                  error={errors.status?.message}
                />
              )}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <Controller
              control={control}
              name="wardId"
              render={({ field }) => (
                <Select
                  label={t('models.ward')}
                  withAsterisk
                  searchable
                  data={catalogueOptions(catalogues.wards, model?.wardId)}
                  value={field.value || null}
                  onChange={(value) => {
                    field.onChange(value ?? '');
                    setValue('neighbourhoodId', '', { shouldDirty: true });
                  }}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={errors.wardId?.message}
                />
              )}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <Controller
              control={control}
              name="neighbourhoodId"
              render={({ field }) => (
                <Select
                  label={t('models.neighbourhood')}
                  searchable
                  clearable
                  disabled={!wardId}
                  data={catalogueOptions(neighbourhoods, model?.neighbourhoodId)}
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  ref={field.ref}
                  error={errors.neighbourhoodId?.message}
                />
              )}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <TextInput label={t('models.address')} {...register('address')} error={errors.address?.message} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput label={t('models.foundedOn')} placeholder="dd/mm/yyyy" description={t('models.foundedOnHint')} {...register('foundedOn')} error={errors.foundedOn?.message} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput label={t('models.foundingDecision')} placeholder="Số 12/QĐ-UBND" {...register('foundingDecision')} error={errors.foundingDecision?.message} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput label={t('models.leaderName')} {...register('leaderName')} error={errors.leaderName?.message} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput label={t('models.leaderPhone')} inputMode="tel" {...register('leaderPhone')} error={errors.leaderPhone?.message} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput
              label={t('models.declaredMemberCount')}
              inputMode="numeric"
              description={model ? t('models.declaredHintListed', { listed: formatNumber(model.memberCount) }) : t('models.declaredHint')}
              {...register('declaredMemberCount')}
              error={errors.declaredMemberCount?.message}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label={t('common.note')} autosize minRows={2} maxRows={6} {...register('note')} error={errors.note?.message} />
          </Grid.Col>
        </Grid>
      </fieldset>
      {!readOnly && (
        <FormFooter saving={isSubmitting} onCancel={onCancel} />
      )}
    </form>
  );
}
