/** Add or edit an assisted individual; warns about likely duplicates before saving. */
import { Grid, List, Select, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Controller, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../shared/errors';
import { formatBirth, GENDERS, GROUPS, subjectInput, type DuplicateCandidate, type Subject, type SubjectInput } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { useConfirm } from '../../components/confirm';
import { formKeys, showServerErrors, useSaveShortcut, useSchemaForm, useUnloadGuard, FIRST_FIELD } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifyError, notifySaved } from '../../components/notify';
import { formatDate } from '../../../../shared/dates';

function initialValues(subject: Subject | null): SubjectInput {
  return {
    fullName: subject?.fullName ?? '',
    alias: subject?.alias ?? '',
    gender: subject?.gender ?? (undefined as never),
    birth: subject ? formatBirth(subject.birthDate, subject.birthYear) : '',
    idNumber: subject?.idNumber ?? '',
    phone: subject?.phone ?? '',
    permanentAddress: subject?.permanentAddress ?? '',
    currentAddress: subject?.currentAddress ?? '',
    wardId: subject?.wardId ?? '',
    neighbourhoodId: subject?.neighbourhoodId ?? '',
    categoryId: subject?.categoryId ?? '',
    reintegrationGroup: subject?.reintegrationGroup ?? '',
    history: subject?.history ?? '',
    startDate: formatDate(subject?.startDate),
    plannedEndDate: formatDate(subject?.plannedEndDate),
    decisionNumber: subject?.decisionNumber ?? '',
    decisionDate: formatDate(subject?.decisionDate),
    decisionIssuer: subject?.decisionIssuer ?? '',
    helperName: subject?.helperName ?? '',
    helperOrgId: subject?.helperOrgId ?? '',
    helperPhone: subject?.helperPhone ?? '',
    confirmedDistinct: false,
  };
}

interface SubjectFormProps {
  subject: Subject | null;
  readOnly?: boolean;
  onSaved: (subject: Subject) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function SubjectForm({ subject, readOnly, onSaved, onCancel, onDirtyChange }: SubjectFormProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const { catalogues } = useCatalogues();
  const form = useSchemaForm(subjectInput, initialValues(subject));
  const { register, control, handleSubmit, watch, setValue, formState } = form;
  const { errors, isDirty, isSubmitting } = formState;
  const wardId = watch('wardId');
  const categoryId = watch('categoryId');
  const usesGroups = catalogues.subjectCategories.find((category) => category.id === categoryId)?.usesGroups ?? false;

  useEffect(() => onDirtyChange(isDirty), [isDirty, onDirtyChange]);
  useUnloadGuard(isDirty);

  const describe = (candidate: DuplicateCandidate) =>
    `${candidate.subject.fullName} — ${formatBirth(candidate.subject.birthDate, candidate.subject.birthYear) || '?'} — ${candidate.subject.wardName} (${candidate.reasons
      .map((reason) => t(reason === 'same_id_number' ? 'subjects.reasonSameId' : 'subjects.reasonSameName'))
      .join(', ')})`;

  /** Asks the officer about likely duplicates; resolves true to go on saving. */
  const confirmNotDuplicate = async (candidates: DuplicateCandidate[]) =>
    candidates.length === 0 ||
    confirm({
      title: t('subjects.duplicateTitle'),
      message: (
        <>
          <Text mb="xs">{t('subjects.duplicateText')}</Text>
          <List>
            {candidates.map((candidate) => (
              <List.Item key={candidate.subject.id}>{describe(candidate)}</List.Item>
            ))}
          </List>
        </>
      ),
      confirmLabel: t('subjects.saveAnyway'),
    });

  const submit = handleSubmit(async () => {
    const values = form.getValues();
    try {
      const candidates = await call('subjects.findDuplicates', { id: subject?.id, fullName: values.fullName, birth: values.birth, wardId: values.wardId, idNumber: values.idNumber });
      if (!(await confirmNotDuplicate(candidates))) return;
      const confirmedDistinct = candidates.some((candidate) => candidate.reasons.includes('same_id_number'));
      const input = { ...values, confirmedDistinct };
      const saved = subject ? await call('subjects.update', { id: subject.id, version: versionOf(subject), values: input }) : await call('subjects.create', input);
      form.reset(initialValues(saved));
      notifySaved(subject ? t('common.saved') : t('subjects.createdDone'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'conflict' && error.reason !== 'version' && error.fields?.[0]?.field === 'idNumber') {
        form.setError('idNumber', { type: 'server', message: error.message });
        return;
      }
      if (!showServerErrors(form, error)) notifyError(error, t('common.error'));
    }
  });

  const formElement = useRef<HTMLFormElement>(null);
  useSaveShortcut(formElement);

  const text = (name: Path<SubjectInput>, label: string, extra: Partial<Parameters<typeof TextInput>[0]> & { 'data-autofocus'?: boolean } = {}) => (
    <TextInput label={label} {...register(name)} error={(errors as Record<string, { message?: string }>)[name]?.message} {...extra} />
  );
  const choice = (name: 'gender' | 'wardId' | 'neighbourhoodId' | 'categoryId' | 'reintegrationGroup' | 'helperOrgId', label: string, data: { value: string; label: string }[], extra: { required?: boolean; disabled?: boolean; onPicked?: () => void } = {}) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          label={label}
          withAsterisk={extra.required}
          clearable={!extra.required}
          disabled={extra.disabled}
          data={data}
          value={(field.value as string | null | undefined) || null}
          onChange={(value) => {
            field.onChange(value ?? '');
            extra.onPicked?.();
          }}
          onBlur={field.onBlur}
          ref={field.ref}
          error={errors[name]?.message}
        />
      )}
    />
  );

  return (
    <form onSubmit={submit} ref={formElement} onKeyDown={formKeys('next')} noValidate aria-label={subject ? t('common.edit') : t('subjects.new')}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Title order={5} mb={4}>
          {t('subjects.sectionPerson')}
        </Title>
        <Grid gap="sm">
          <Grid.Col span={6}>{text('fullName', t('subjects.fullName'), { withAsterisk: true, ...FIRST_FIELD })}</Grid.Col>
          <Grid.Col span={6}>{text('alias', t('subjects.alias'))}</Grid.Col>
          <Grid.Col span={4}>{choice('gender', t('subjects.gender'), GENDERS.map((gender) => ({ value: gender, label: t(`gender.${gender}`) })), { required: true })}</Grid.Col>
          <Grid.Col span={4}>{text('birth', t('subjects.birth'), { placeholder: 'dd/mm/yyyy', description: t('subjects.birthHint') })}</Grid.Col>
          <Grid.Col span={4}>{text('idNumber', t('subjects.idNumber'), { inputMode: 'numeric', description: '12 / 9 số', autoComplete: 'off' })}</Grid.Col>
          <Grid.Col span={4}>{text('phone', t('subjects.phone'), { inputMode: 'tel' })}</Grid.Col>
          <Grid.Col span={4}>
            {choice('wardId', t('subjects.ward'), catalogueOptions(catalogues.wards, subject?.wardId), { required: true, onPicked: () => setValue('neighbourhoodId', '', { shouldDirty: true }) })}
          </Grid.Col>
          <Grid.Col span={4}>
            {choice('neighbourhoodId', t('subjects.neighbourhood'), catalogueOptions(catalogues.neighbourhoods.filter((item) => item.wardId === wardId), subject?.neighbourhoodId), { disabled: !wardId })}
          </Grid.Col>
          <Grid.Col span={12}>{text('permanentAddress', t('subjects.permanentAddress'))}</Grid.Col>
          <Grid.Col span={12}>{text('currentAddress', t('subjects.currentAddress'))}</Grid.Col>
        </Grid>
        <Title order={5} mt="md" mb={4}>
          {t('subjects.sectionCase')}
        </Title>
        <Grid gap="sm">
          <Grid.Col span={8}>
            {choice('categoryId', t('subjects.category'), catalogueOptions(catalogues.subjectCategories, subject?.categoryId), {
              required: true,
              onPicked: () => setValue('reintegrationGroup', '', { shouldDirty: true }),
            })}
          </Grid.Col>
          <Grid.Col span={4}>{choice('reintegrationGroup', t('subjects.group'), GROUPS.map((group) => ({ value: group, label: `Nhóm ${group}` })), { disabled: !usesGroups })}</Grid.Col>
          <Grid.Col span={6}>{text('startDate', t('subjects.startDate'), { withAsterisk: true, placeholder: 'dd/mm/yyyy' })}</Grid.Col>
          <Grid.Col span={6}>{text('plannedEndDate', t('subjects.plannedEndDate'), { placeholder: 'dd/mm/yyyy' })}</Grid.Col>
          <Grid.Col span={12}>
            <Textarea label={t('subjects.history')} autosize minRows={2} maxRows={8} {...register('history')} error={errors.history?.message} />
          </Grid.Col>
        </Grid>
        <Title order={5} mt="md" mb={4}>
          {t('subjects.sectionDecision')}
        </Title>
        <Grid gap="sm">
          <Grid.Col span={4}>{text('decisionNumber', t('subjects.decisionNumber'), { placeholder: '12/QĐ-UBND' })}</Grid.Col>
          <Grid.Col span={4}>{text('decisionDate', t('subjects.decisionDate'), { placeholder: 'dd/mm/yyyy' })}</Grid.Col>
          <Grid.Col span={4}>{text('decisionIssuer', t('subjects.decisionIssuer'))}</Grid.Col>
        </Grid>
        <Title order={5} mt="md" mb={4}>
          {t('subjects.sectionHelper')}
        </Title>
        <Grid gap="sm">
          <Grid.Col span={4}>{text('helperName', t('subjects.helperName'))}</Grid.Col>
          <Grid.Col span={4}>{choice('helperOrgId', t('subjects.helperOrg'), catalogueOptions(catalogues.helperOrgs, subject?.helperOrgId))}</Grid.Col>
          <Grid.Col span={4}>{text('helperPhone', t('subjects.helperPhone'), { inputMode: 'tel' })}</Grid.Col>
        </Grid>
      </fieldset>
      {!readOnly && (
        <FormFooter saving={isSubmitting} onCancel={onCancel} />
      )}
    </form>
  );
}
