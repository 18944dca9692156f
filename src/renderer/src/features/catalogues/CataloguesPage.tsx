/** The editable catalogues: wards (old and new units), khu phố per ward, and model types. */
import { ActionIcon, Badge, Button, CloseButton, Group, Select, Stack, Table, Tabs, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { awardFormInput } from '../../../../shared/awards';
import {
  helperOrgInput,
  modelTypeInput,
  neighbourhoodInput,
  subjectCategoryInput,
  wardInput,
  type ModelType,
  type Neighbourhood,
  type SubjectCategory,
  type Ward,
} from '../../../../shared/catalogues';
import { call } from '../../api/client';
import { useCatalogues } from '../../app/catalogues-context';
import { BooleanField } from '../../components/BooleanField';
import { GuardedModal } from '../../components/GuardedModal';
import { formKeys, showServerErrors, useSchemaForm, FIRST_FIELD } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { notifyError, notifySaved } from '../../components/notify';
import { useReportDirty } from '../../components/record-panel';

type Editing<Row> = Row | 'new' | null;

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
      </Tabs>
    </Stack>
  );
}

function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    // Never narrower than its words: a squeezed column wraps the other cells, not "Đang sử dụ…".
    <Badge variant="light" color={active ? 'teal' : 'gray'} tt="none" maw="none" style={{ flexShrink: 0 }}>
      {active ? t('common.active') : t('common.inactive')}
    </Badge>
  );
}

/** A catalogue list: a table with an edit button per row and an "add" button above it. */
/** The entry's other names, learnt from imports, each removable (the next import then asks again). */
function Aliases({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const { catalogues, reload } = useCatalogues();
  const aliases = catalogues.aliases.filter((alias) => alias.entryId === entryId);
  if (aliases.length === 0) return null;
  const remove = async (id: string) => {
    try {
      await call('catalogueAliases.remove', { id });
      await reload();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };
  return (
    <Group gap={4} mt={2}>
      <Text size="xs" c="dimmed">
        {t('catalogues.aliases')}:
      </Text>
      {aliases.map((alias) => (
        <Badge key={alias.id} size="sm" variant="light" color="gray" tt="none" rightSection={
          <CloseButton size="xs" aria-label={t('catalogues.removeAlias', { alias: alias.alias })} onClick={() => void remove(alias.id)} />
        }>
          {alias.alias}
        </Badge>
      ))}
    </Group>
  );
}

function CatalogueTable<Row extends { id: string; name: string; active: boolean }>(props: {
  rows: Row[];
  addLabel: string;
  columns: { header: string; cell: (row: Row) => ReactNode }[];
  onEdit: (row: Editing<Row>) => void;
  toolbar?: ReactNode;
  addDisabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        {props.toolbar ?? <span />}
        <Button leftSection={<IconPlus size={16} />} onClick={() => props.onEdit('new')} disabled={props.addDisabled}>
          {props.addLabel}
        </Button>
      </Group>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalogues.name')}</Table.Th>
            {props.columns.map((column) => (
              <Table.Th key={column.header}>{column.header}</Table.Th>
            ))}
            <Table.Th w={130} />
            <Table.Th w={48} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                {row.name}
                <Aliases entryId={row.id} />
              </Table.Td>
              {props.columns.map((column) => (
                <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
              ))}
              <Table.Td>
                <ActiveBadge active={row.active} />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" aria-label={`${t('common.edit')} ${row.name}`} onClick={() => props.onEdit(row)}>
                  <IconPencil size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Saves a catalogue form, shows the server's field messages, and reloads the catalogues. */
function useCatalogueSave(onDone: () => void) {
  const { t } = useTranslation();
  const { reload } = useCatalogues();
  return async (form: Parameters<typeof showServerErrors>[0], save: () => Promise<unknown>) => {
    try {
      await save();
      await reload();
      notifySaved(t('common.saved'));
      onDone();
    } catch (error) {
      if (!showServerErrors(form, error)) notifyError(error, t('common.error'));
    }
  };
}

function WardsSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [editing, setEditing] = useState<Editing<Ward>>(null);
  return (
    <>
      <Text size="sm" c="dimmed" mb="sm">
        {t('catalogues.wardsHint')}
      </Text>
      <CatalogueTable
        rows={catalogues.wards}
        addLabel={t('catalogues.addWard')}
        onEdit={setEditing}
        columns={[
          { header: t('catalogues.parentUnit'), cell: (row) => row.parentUnit },
          { header: t('common.note'), cell: (row) => row.note },
        ]}
      />
      <GuardedModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('catalogues.addWard') : t('common.edit')}>
        {editing !== null && <WardForm ward={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </GuardedModal>
    </>
  );
}

function WardForm({ ward, onDone }: { ward: Ward | null; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(wardInput, { name: ward?.name ?? '', parentUnit: ward?.parentUnit ?? '', active: ward?.active ?? true, note: ward?.note ?? '' });
  const save = useCatalogueSave(onDone);
  const { register, formState } = form;
  useReportDirty(formState.isDirty);
  const submit = form.handleSubmit(() => {
    const values = form.getValues();
    return save(form as never, () => (ward ? call('wards.update', { id: ward.id, values }) : call('wards.create', values)));
  });
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Stack gap="sm">
        <TextInput label={t('catalogues.name')} withAsterisk {...FIRST_FIELD} placeholder="Phường Bình Tiên" {...register('name')} error={formState.errors.name?.message} />
        <TextInput label={t('catalogues.parentUnit')} placeholder="TP. Hồ Chí Minh" {...register('parentUnit')} error={formState.errors.parentUnit?.message} />
        <Textarea label={t('common.note')} {...register('note')} error={formState.errors.note?.message} />
        <BooleanField control={form.control as never} name="active" label={t('common.active')} />
        <FormFooter saving={formState.isSubmitting} />
      </Stack>
    </form>
  );
}

function NeighbourhoodsSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [wardId, setWardId] = useState<string | null>(catalogues.wards.find((ward) => ward.active)?.id ?? null);
  const [editing, setEditing] = useState<Editing<Neighbourhood>>(null);
  const rows = catalogues.neighbourhoods.filter((item) => item.wardId === wardId);
  return (
    <>
      <CatalogueTable
        rows={rows}
        addLabel={t('catalogues.addNeighbourhood')}
        addDisabled={!wardId}
        onEdit={setEditing}
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
      />
      <GuardedModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('catalogues.addNeighbourhood') : t('common.edit')}>
        {editing !== null && wardId && <NeighbourhoodForm wardId={wardId} neighbourhood={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </GuardedModal>
    </>
  );
}

function NeighbourhoodForm({ wardId, neighbourhood, onDone }: { wardId: string; neighbourhood: Neighbourhood | null; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(neighbourhoodInput, { wardId: neighbourhood?.wardId ?? wardId, name: neighbourhood?.name ?? '', active: neighbourhood?.active ?? true });
  const save = useCatalogueSave(onDone);
  const { register, formState } = form;
  useReportDirty(formState.isDirty);
  const submit = form.handleSubmit(() => {
    const values = form.getValues();
    return save(form as never, () => (neighbourhood ? call('neighbourhoods.update', { id: neighbourhood.id, values }) : call('neighbourhoods.create', values)));
  });
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Stack gap="sm">
        <TextInput label={t('catalogues.name')} withAsterisk {...FIRST_FIELD} placeholder="Khu phố 1" {...register('name')} error={formState.errors.name?.message} />
        <BooleanField control={form.control as never} name="active" label={t('common.active')} />
        <FormFooter saving={formState.isSubmitting} />
      </Stack>
    </form>
  );
}

function ModelTypesSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [editing, setEditing] = useState<Editing<ModelType>>(null);
  return (
    <>
      <CatalogueTable rows={catalogues.modelTypes} addLabel={t('catalogues.addModelType')} onEdit={setEditing} columns={[{ header: t('catalogues.description'), cell: (row) => row.description }]} />
      <GuardedModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('catalogues.addModelType') : t('common.edit')}>
        {editing !== null && <ModelTypeForm modelType={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </GuardedModal>
    </>
  );
}

function ModelTypeForm({ modelType, onDone }: { modelType: ModelType | null; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(modelTypeInput, { name: modelType?.name ?? '', description: modelType?.description ?? '', active: modelType?.active ?? true });
  const save = useCatalogueSave(onDone);
  const { register, formState } = form;
  useReportDirty(formState.isDirty);
  const submit = form.handleSubmit(() => {
    const values = form.getValues();
    return save(form as never, () => (modelType ? call('modelTypes.update', { id: modelType.id, values }) : call('modelTypes.create', values)));
  });
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Stack gap="sm">
        <TextInput label={t('catalogues.name')} withAsterisk {...FIRST_FIELD} {...register('name')} error={formState.errors.name?.message} />
        <Textarea label={t('catalogues.description')} {...register('description')} error={formState.errors.description?.message} />
        <BooleanField control={form.control as never} name="active" label={t('common.active')} />
        <FormFooter saving={formState.isSubmitting} />
      </Stack>
    </form>
  );
}

function SubjectCategoriesSection() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [editing, setEditing] = useState<Editing<SubjectCategory>>(null);
  return (
    <>
      <CatalogueTable
        rows={catalogues.subjectCategories}
        addLabel={t('catalogues.addSubjectCategory')}
        onEdit={setEditing}
        columns={[{ header: t('catalogues.usesGroups'), cell: (row) => (row.usesGroups ? '✓' : '') }]}
      />
      <GuardedModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('catalogues.addSubjectCategory') : t('common.edit')}>
        {editing !== null && <SubjectCategoryForm category={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </GuardedModal>
    </>
  );
}

function SubjectCategoryForm({ category, onDone }: { category: SubjectCategory | null; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(subjectCategoryInput, { name: category?.name ?? '', usesGroups: category?.usesGroups ?? false, active: category?.active ?? true });
  const save = useCatalogueSave(onDone);
  const { register, formState } = form;
  useReportDirty(formState.isDirty);
  const submit = form.handleSubmit(() => {
    const values = form.getValues();
    return save(form as never, () => (category ? call('subjectCategories.update', { id: category.id, values }) : call('subjectCategories.create', values)));
  });
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Stack gap="sm">
        <TextInput label={t('catalogues.name')} withAsterisk {...FIRST_FIELD} {...register('name')} error={formState.errors.name?.message} />
        <BooleanField control={form.control as never} name="usesGroups" label={t('catalogues.usesGroups')} />
        <BooleanField control={form.control as never} name="active" label={t('common.active')} />
        <FormFooter saving={formState.isSubmitting} />
      </Stack>
    </form>
  );
}

/** A catalogue whose entries have only a name and an "in use" flag (helping organisations, forms of award). */
function NameOnlySection<Row extends { id: string; name: string; active: boolean }>(props: {
  rows: Row[];
  addLabel: string;
  schema: typeof helperOrgInput | typeof awardFormInput;
  save: (row: Row | null, values: { name: string; active?: boolean }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing<Row>>(null);
  return (
    <>
      <CatalogueTable rows={props.rows} addLabel={props.addLabel} onEdit={setEditing} columns={[]} />
      <GuardedModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? props.addLabel : t('common.edit')}>
        {editing !== null && <NameOnlyForm row={editing === 'new' ? null : editing} schema={props.schema} save={props.save} onDone={() => setEditing(null)} />}
      </GuardedModal>
    </>
  );
}

function NameOnlyForm<Row extends { id: string; name: string; active: boolean }>(props: {
  row: Row | null;
  schema: typeof helperOrgInput | typeof awardFormInput;
  save: (row: Row | null, values: { name: string; active?: boolean }) => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm(props.schema as typeof helperOrgInput, { name: props.row?.name ?? '', active: props.row?.active ?? true });
  const save = useCatalogueSave(props.onDone);
  const { register, formState } = form;
  useReportDirty(formState.isDirty);
  const submit = form.handleSubmit(() => save(form as never, () => props.save(props.row, form.getValues())));
  return (
    <form onSubmit={submit} onKeyDown={formKeys('save')} noValidate>
      <Stack gap="sm">
        <TextInput label={t('catalogues.name')} withAsterisk {...FIRST_FIELD} {...register('name')} error={formState.errors.name?.message} />
        <BooleanField control={form.control as never} name="active" label={t('common.active')} />
        <FormFooter saving={formState.isSubmitting} />
      </Stack>
    </form>
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
      save={(row, values) => (row ? call('helperOrgs.update', { id: row.id, values }) : call('helperOrgs.create', values))}
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
      save={(row, values) => (row ? call('awardForms.update', { id: row.id, values }) : call('awardForms.create', values))}
    />
  );
}
