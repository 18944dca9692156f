/** The editable catalogues: wards (old and new units), khu phố per ward, and model types. */
import { Select, Stack, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { programmeInput } from '../../../../shared/activities';
import { awardFormInput } from '../../../../shared/awards';
import {
  helperOrgInput,
  modelTypeInput,
  neighbourhoodInput,
  subjectCategoryInput,
  wardInput,
} from '../../../../shared/catalogues';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { useCatalogues } from '../../app/catalogues-context';
import { BooleanField } from '../../components/BooleanField';
import { FIRST_FIELD } from '../../components/form';
import { CatalogueSection } from './CatalogueSection';
import type { CatalogueEntry } from './CatalogueTable';

export function CataloguesPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={2}>{t('catalogues.title')}</Title>
      <Tabs defaultValue="wards">
        <Tabs.List mb="md">
          <Tabs.Tab value="wards">{t('catalogues.wards')}</Tabs.Tab>
          <Tabs.Tab value="neighbourhoods">{t('catalogues.neighbourhoods')}</Tabs.Tab>
          <Tabs.Tab value="modelTypes">{t('catalogues.modelTypes')}</Tabs.Tab>
          <Tabs.Tab value="subjectCategories">{t('catalogues.subjectCategories')}</Tabs.Tab>
          <Tabs.Tab value="helperOrgs">{t('catalogues.helperOrgs')}</Tabs.Tab>
          <Tabs.Tab value="awardForms">{t('catalogues.awardForms')}</Tabs.Tab>
          <Tabs.Tab value="programmes">{t('catalogues.programmes')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="wards">
          <WardsSection />
        </Tabs.Panel>
        <Tabs.Panel value="neighbourhoods">
          <NeighbourhoodsSection />
        </Tabs.Panel>
        <Tabs.Panel value="modelTypes">
          <ModelTypesSection />
        </Tabs.Panel>
        <Tabs.Panel value="subjectCategories">
          <SubjectCategoriesSection />
        </Tabs.Panel>
        <Tabs.Panel value="helperOrgs">
          <HelperOrgsSection />
        </Tabs.Panel>
        <Tabs.Panel value="awardForms">
          <AwardFormsSection />
        </Tabs.Panel>
        <Tabs.Panel value="programmes">
          <ProgrammesSection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The name of a catalogue entry, the first field of its form. */
function NameField({ field, error, placeholder }: { field: UseFormRegisterReturn<'name'>; error?: string; placeholder?: string }) {
  const { t } = useTranslation();
  return <TextInput label={t('catalogues.name')} withAsterisk {...FIRST_FIELD} placeholder={placeholder} {...field} error={error} />;
}

function WardsSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t('catalogues.wardsHint')}
      </Text>
      <CatalogueSection
        rows={catalogues.wards}
        addLabel={t('catalogues.addWard')}
        columns={[
          { header: t('catalogues.parentUnit'), cell: (row) => row.parentUnit },
          { header: t('common.note'), cell: (row) => row.note },
        ]}
        schema={wardInput}
        valuesOf={(ward) => ({ name: ward?.name ?? '', parentUnit: ward?.parentUnit ?? '', active: ward?.active ?? true, note: ward?.note ?? '' })}
        save={(ward, values) => (ward ? call('wards.update', { id: ward.id, version: versionOf(ward), values }) : call('wards.create', values))}
        fields={(form) => (
          <>
            <NameField field={form.register('name')} error={form.formState.errors.name?.message} placeholder="Phường Bình Tiên" />
            <TextInput label={t('catalogues.parentUnit')} placeholder="TP. Hồ Chí Minh" {...form.register('parentUnit')} error={form.formState.errors.parentUnit?.message} />
            <Textarea label={t('common.note')} {...form.register('note')} error={form.formState.errors.note?.message} />
            <BooleanField control={form.control} name="active" label={t('common.active')} />
          </>
        )}
      />
    </>
  );
}

function NeighbourhoodsSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [wardId, setWardId] = useState<string | null>(catalogues.wards.find((ward) => ward.active)?.id ?? null);
  return (
    <CatalogueSection
      rows={catalogues.neighbourhoods.filter((item) => item.wardId === wardId)}
      addLabel={t('catalogues.addNeighbourhood')}
      addDisabled={!wardId}
      columns={[]}
      toolbar={
        <Select
          label={t('models.ward')}
          placeholder={t('catalogues.pickWard')}
          data={catalogues.wards.map((ward) => ({ value: ward.id, label: ward.name }))}
          value={wardId}
          onChange={setWardId}
          searchable
          w={280}
        />
      }
      schema={neighbourhoodInput}
      // "Thêm" is enabled only once a ward is picked, so a new entry always has one.
      valuesOf={(neighbourhood) => ({ wardId: neighbourhood?.wardId ?? wardId ?? '', name: neighbourhood?.name ?? '', active: neighbourhood?.active ?? true })}
      save={(neighbourhood, values) => (neighbourhood ? call('neighbourhoods.update', { id: neighbourhood.id, version: versionOf(neighbourhood), values }) : call('neighbourhoods.create', values))}
      fields={(form) => (
        <>
          <NameField field={form.register('name')} error={form.formState.errors.name?.message} placeholder="Khu phố 1" />
          <BooleanField control={form.control} name="active" label={t('common.active')} />
        </>
      )}
    />
  );
}

function ModelTypesSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  return (
    <CatalogueSection
      rows={catalogues.modelTypes}
      addLabel={t('catalogues.addModelType')}
      columns={[{ header: t('catalogues.description'), cell: (row) => row.description }]}
      schema={modelTypeInput}
      valuesOf={(modelType) => ({ name: modelType?.name ?? '', description: modelType?.description ?? '', active: modelType?.active ?? true })}
      save={(modelType, values) => (modelType ? call('modelTypes.update', { id: modelType.id, version: versionOf(modelType), values }) : call('modelTypes.create', values))}
      fields={(form) => (
        <>
          <NameField field={form.register('name')} error={form.formState.errors.name?.message} />
          <Textarea label={t('catalogues.description')} {...form.register('description')} error={form.formState.errors.description?.message} />
          <BooleanField control={form.control} name="active" label={t('common.active')} />
        </>
      )}
    />
  );
}

function SubjectCategoriesSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  return (
    <CatalogueSection
      rows={catalogues.subjectCategories}
      addLabel={t('catalogues.addSubjectCategory')}
      columns={[{ header: t('catalogues.usesGroups'), cell: (row) => (row.usesGroups ? '✓' : '') }]}
      schema={subjectCategoryInput}
      valuesOf={(category) => ({ name: category?.name ?? '', usesGroups: category?.usesGroups ?? false, active: category?.active ?? true })}
      save={(category, values) => (category ? call('subjectCategories.update', { id: category.id, version: versionOf(category), values }) : call('subjectCategories.create', values))}
      fields={(form) => (
        <>
          <NameField field={form.register('name')} error={form.formState.errors.name?.message} />
          <BooleanField control={form.control} name="usesGroups" label={t('catalogues.usesGroups')} />
          <BooleanField control={form.control} name="active" label={t('common.active')} />
        </>
      )}
    />
  );
}

/** A catalogue whose entries have only a name and an "in use" flag (helping organisations, forms of award). */
function NameOnlySection<Row extends CatalogueEntry>(props: {
  rows: Row[];
  addLabel: string;
  schema: typeof helperOrgInput | typeof awardFormInput;
  save: (row: Row | null, values: z.input<typeof helperOrgInput>) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  return (
    <CatalogueSection
      {...props}
      columns={[]}
      valuesOf={(row) => ({ name: row?.name ?? '', active: row?.active ?? true })}
      fields={(form) => (
        <>
          <NameField field={form.register('name')} error={form.formState.errors.name?.message} />
          <BooleanField control={form.control} name="active" label={t('common.active')} />
        </>
      )}
    />
  );
}

function HelperOrgsSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  return (
    <NameOnlySection
      rows={catalogues.helperOrgs}
      addLabel={t('catalogues.addHelperOrg')}
      schema={helperOrgInput}
      save={(org, values) => (org ? call('helperOrgs.update', { id: org.id, version: versionOf(org), values }) : call('helperOrgs.create', values))}
    />
  );
}

function AwardFormsSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  return (
    <NameOnlySection
      rows={catalogues.awardForms}
      addLabel={t('catalogues.addAwardForm')}
      schema={awardFormInput}
      save={(awardForm, values) => (awardForm ? call('awardForms.update', { id: awardForm.id, version: versionOf(awardForm), values }) : call('awardForms.create', values))}
    />
  );
}

function ProgrammesSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  return (
    <NameOnlySection
      rows={catalogues.programmes}
      addLabel={t('catalogues.addProgramme')}
      schema={programmeInput}
      save={(programme, values) => (programme ? call('programmes.update', { id: programme.id, version: versionOf(programme), values }) : call('programmes.create', values))}
    />
  );
}
