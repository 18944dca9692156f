/** Add or edit a nomination: a collective picked from the models register or typed, an individual picked from a model's members or typed. */
import { Grid, SegmentedControl, Select, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { nominationInput, type Nomination, type NominationInput, type NominationWarning } from '../../../../shared/awards';
import { ApiError } from '../../../../shared/errors';
import type { Member, ModelRow } from '../../../../shared/models';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { useConfirm } from '../../components/confirm';
import { formKeys, saveOrShowErrors, useSaveShortcut, useSchemaForm, useUnloadGuard } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifySaved } from '../../components/notify';
import { RecordPicker, searchList } from '../../components/RecordPicker';

function initialValues(roundId: string, nomination: Nomination | null): NominationInput {
  return {
    roundId,
    kind: nomination?.kind ?? 'tap_the',
    modelId: nomination?.modelId ?? '',
    memberId: nomination?.memberId ?? '',
    nomineeName: nomination?.nomineeName ?? '',
    gender: nomination?.gender ?? '',
    birthYear: nomination?.birthYear ?? '',
    position: nomination?.position ?? '',
    unit: nomination?.unit ?? '',
    wardId: nomination?.wardId ?? '',
    formId: nomination?.formId ?? '',
    proposedAuthority: nomination?.proposedAuthority ?? '',
    achievement: nomination?.achievement ?? '',
    tipsProvided: nomination?.tipsProvided ?? 0,
    casesHelped: nomination?.casesHelped ?? 0,
    yearsActive: nomination?.yearsActive ?? 0,
    acknowledgedEarlierAward: false,
  };
}

/** A linked model or member: the full row once picked, only its id and name when an existing nomination opens. */
type Picked<Row extends { id: string }> = Pick<Row, 'id'> & Partial<Row>;

/** The models register searched as its grid searches it (it can hold thousands). */
const searchModels = (search: string, offset: number, limit: number) => call('models.list', { search, offset, limit });

const joinFacts = (...facts: (string | null | undefined)[]) => facts.filter(Boolean).join(' · ');

interface NominationFormProps {
  roundId: string;
  nomination: Nomination | null;
  readOnly: boolean;
  onSaved: (nomination: Nomination) => void;
  onCancel: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function NominationForm({ roundId, nomination, readOnly, onSaved, onCancel, onDirtyChange }: NominationFormProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const { catalogues } = useCatalogues();
  const form = useSchemaForm(nominationInput, initialValues(roundId, nomination));
  const { register, control, setValue, watch, formState } = form;
  const { errors, isDirty } = formState;
  const kind = watch('kind');
  const [linkedModel, setLinkedModel] = useState<Picked<ModelRow> | null>(nomination?.modelId ? { id: nomination.modelId, name: nomination.nomineeName } : null);
  const [linkedMember, setLinkedMember] = useState<Picked<Member> | null>(nomination?.memberId ? { id: nomination.memberId, fullName: nomination.nomineeName } : null);
  const [memberModel, setMemberModel] = useState<Picked<ModelRow> | null>(null);
  const memberModelId = memberModel?.id ?? null;
  const [members, setMembers] = useState<Member[]>([]);
  const formElement = useRef<HTMLFormElement>(null);

  useEffect(() => onDirtyChange(isDirty), [isDirty, onDirtyChange]);
  useUnloadGuard(isDirty);
  useSaveShortcut(formElement);
  useEffect(() => {
    if (!memberModelId) return;
    let current = true; // a slower answer for the model picked before never replaces this one's members
    call('models.get', { id: memberModelId }).then(
      (detail) => current && setMembers(detail.members),
      () => current && setMembers([]),
    );
    return () => {
      current = false;
    };
  }, [memberModelId]);

  const pickModel = (model: Picked<ModelRow> | null) => {
    setLinkedModel(model);
    setValue('modelId', model?.id ?? '', { shouldDirty: true });
    if (!model?.name || !model.wardId) return;
    setValue('nomineeName', model.name, { shouldDirty: true, shouldValidate: true });
    setValue('unit', model.address ?? model.wardName ?? '', { shouldDirty: true });
    setValue('wardId', model.wardId, { shouldDirty: true });
  };
  /** Another model for the individual: its members replace the last model's, and the member picked there is unlinked. */
  const pickMemberModel = (model: Picked<ModelRow> | null) => {
    if (model?.id === memberModel?.id) return;
    setMemberModel(model);
    setMembers([]);
    if (memberModel) pickMember(null);
  };
  const pickMember = (member: Picked<Member> | null) => {
    setLinkedMember(member);
    setValue('memberId', member?.id ?? '', { shouldDirty: true });
    if (!member?.fullName) return;
    const model = memberModel;
    setValue('nomineeName', member.fullName, { shouldDirty: true, shouldValidate: true });
    setValue('position', member.role ?? '', { shouldDirty: true });
    setValue('unit', model?.name ?? '', { shouldDirty: true });
    if (model?.wardId) setValue('wardId', model.wardId, { shouldDirty: true });
  };

  const confirmEarlierAwards = (warnings: NominationWarning[]) =>
    warnings.length === 0 ||
    confirm({
      title: t('awards.earlierTitle'),
      message: (
        <>
          <Text mb="xs">{t('awards.earlierText')}</Text>
          {warnings.map((warning) => (
            <Text key={warning.nomination.id} fw={500}>
              {warning.nomination.formName} — {warning.nomination.roundName}
              {warning.nomination.decisionNumber ? ` (QĐ số ${warning.nomination.decisionNumber})` : ''}
            </Text>
          ))}
        </>
      ),
      confirmLabel: t('awards.nominateAnyway'),
    });

  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        const values = form.getValues();
        const warnings = await call('nominations.check', { id: nomination?.id, values });
        if (!(await confirmEarlierAwards(warnings))) return;
        const input = { ...values, acknowledgedEarlierAward: warnings.length > 0 };
        try {
          const saved = nomination ? await call('nominations.update', { id: nomination.id, version: versionOf(nomination), values: input }) : await call('nominations.create', input);
          form.reset(initialValues(roundId, saved));
          notifySaved(nomination ? t('common.saved') : t('awards.createdDone'));
          onSaved(saved);
        } catch (error) {
          // A refusal about the nominee is shown next to the name, where the officer will look.
          if (error instanceof ApiError && error.code === 'conflict' && error.reason !== 'version' && error.fields?.[0]?.field === 'nomineeName') {
            form.setError('nomineeName', { type: 'server', message: error.message });
            return;
          }
          throw error;
        }
      },
      t('common.error'),
    ),
  );

  const describeModel = (model: Picked<ModelRow>) => ({ name: model.name ?? '', facts: joinFacts(model.typeName, model.wardName, model.address) });
  const describeMember = (member: Picked<Member>) => ({ name: member.fullName ?? '', facts: joinFacts(member.role, member.phone) });

  return (
    <form ref={formElement} onSubmit={submit} onKeyDown={formKeys('next')} noValidate aria-label={nomination ? t('common.edit') : t('awards.newNomination')}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0 }}>
        <Grid gap="sm">
          <Grid.Col span={12}>
            <Controller
              control={control}
              name="kind"
              render={({ field }) => (
                <SegmentedControl
                  aria-label={t('awards.kind')}
                  value={field.value}
                  onChange={(value) => {
                    field.onChange(value);
                    pickModel(null);
                    pickMember(null);
                  }}
                  data={[
                    { value: 'tap_the', label: t('kind.tap_the') },
                    { value: 'ca_nhan', label: t('kind.ca_nhan') },
                  ]}
                  disabled={Boolean(nomination) || readOnly}
                />
              )}
            />
          </Grid.Col>
          {!readOnly && kind === 'tap_the' && (
            <Grid.Col span={12}>
              <RecordPicker label={t('awards.pickModel')} description={t('awards.pickHint')} firstField={!nomination} value={linkedModel} onChange={pickModel} search={searchModels} describe={describeModel} />
            </Grid.Col>
          )}
          {!readOnly && kind === 'ca_nhan' && (
            <>
              <Grid.Col span={6}>
                <RecordPicker label={t('awards.pickModel')} firstField={!nomination} value={memberModel} onChange={pickMemberModel} search={searchModels} describe={describeModel} />
              </Grid.Col>
              <Grid.Col span={6}>
                <RecordPicker
                  label={t('awards.pickMember')}
                  description={t('awards.pickHint')}
                  disabled={!memberModelId && !nomination?.memberId}
                  value={linkedMember}
                  onChange={pickMember}
                  search={searchList(members, (member) => `${member.fullName} ${member.role ?? ''}`)}
                  describe={describeMember}
                />
              </Grid.Col>
            </>
          )}
          <Grid.Col span={12}>
            <TextInput label={t('awards.nomineeName')} withAsterisk {...register('nomineeName')} error={errors.nomineeName?.message} />
          </Grid.Col>
          {kind === 'ca_nhan' && (
            <>
              <Grid.Col span={3}>
                <Controller
                  control={control}
                  name="gender"
                  render={({ field }) => (
                    <Select label={t('awards.gender')} clearable data={[{ value: 'nam', label: t('gender.nam') }, { value: 'nu', label: t('gender.nu') }]} value={field.value || null} onChange={(value) => field.onChange(value ?? '')} />
                  )}
                />
              </Grid.Col>
              <Grid.Col span={3}>
                <TextInput label={t('awards.birthYear')} inputMode="numeric" {...register('birthYear')} error={errors.birthYear?.message} />
              </Grid.Col>
              <Grid.Col span={6}>
                <TextInput label={t('awards.position')} {...register('position')} error={errors.position?.message} />
              </Grid.Col>
            </>
          )}
          <Grid.Col span={8}>
            <TextInput label={t('awards.nomineeUnit')} {...register('unit')} error={errors.unit?.message} />
          </Grid.Col>
          <Grid.Col span={4}>
            <Controller
              control={control}
              name="wardId"
              render={({ field }) => (
                <Select label={t('awards.ward')} clearable searchable data={catalogueOptions(catalogues.wards, field.value)} value={field.value || null} onChange={(value) => field.onChange(value ?? '')} />
              )}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <Controller
              control={control}
              name="formId"
              render={({ field }) => (
                <Select
                  label={t('awards.form')}
                  withAsterisk
                  data={catalogueOptions(catalogues.awardForms, nomination?.formId)}
                  value={field.value || null}
                  onChange={(value) => field.onChange(value ?? '')}
                  allowDeselect={false}
                  ref={field.ref}
                  error={errors.formId?.message}
                />
              )}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput label={t('awards.proposedAuthority')} placeholder="Công an phường, UBND phường…" {...register('proposedAuthority')} error={errors.proposedAuthority?.message} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label={t('awards.achievement')} autosize minRows={4} maxRows={12} {...register('achievement')} error={errors.achievement?.message} />
          </Grid.Col>
          <Grid.Col span={4}>
            <TextInput label={t('awards.tipsProvided')} inputMode="numeric" {...register('tipsProvided')} error={errors.tipsProvided?.message} />
          </Grid.Col>
          <Grid.Col span={4}>
            <TextInput label={t('awards.casesHelped')} inputMode="numeric" {...register('casesHelped')} error={errors.casesHelped?.message} />
          </Grid.Col>
          <Grid.Col span={4}>
            <TextInput label={t('awards.yearsActive')} inputMode="numeric" {...register('yearsActive')} error={errors.yearsActive?.message} />
          </Grid.Col>
        </Grid>
      </fieldset>
      {!readOnly && <FormFooter saving={formState.isSubmitting} onCancel={onCancel} />}
    </form>
  );
}
