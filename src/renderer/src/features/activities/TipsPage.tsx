/**
 * Tin báo (issue 17): tips from the public, with the channel they came by (a model's linked to it),
 * whether the police found them of value and whether they led to a case. Filtered like the other
 * registers, with the counts the period report uses ("7.149 tin, 3.564 tin có giá trị, 724 vụ").
 */
import { Alert, Anchor, Button, Checkbox, Group, Paper, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TIP_CHANNELS, tipInput, type TipChannel, type TipInput, type TipList, type TipRow } from '../../../../shared/activities';
import type { ApiInput } from '../../../../shared/api';
import { completeDate, formatDate } from '../../../../shared/dates';
import type { ModelRow } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { printHref } from '../../print/PrintPage';
import { linkedFilter } from '../../components/register-link';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { DialogForm } from '../../components/DialogForm';
import { EntryDialog, EntryRegisterHeader } from '../../components/EntryDialog';
import { FIRST_FIELD } from '../../components/form';
import { notifyError, notifySaved } from '../../components/notify';
import { RecordPicker } from '../../components/RecordPicker';
import { useDialogForm } from '../../components/useDialogForm';
import { TipOutcome } from './ModelTips';

const PAGE = 200;

type PickedModel = Pick<ModelRow, 'id'> & Partial<ModelRow>;
const searchModels = (search: string, offset: number, limit: number) => call('models.list', { search, offset, limit });

function TipForm({ tip, onDone }: { tip: TipRow | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const initial: TipInput = {
    receivedOn: tip ? formatDate(tip.receivedOn) : '',
    wardId: tip?.wardId ?? '',
    neighbourhoodId: tip?.neighbourhoodId ?? '',
    channel: tip?.channel ?? 'truc_tiep',
    modelId: tip?.modelId ?? '',
    summary: tip?.summary ?? '',
    valuable: tip?.valuable ?? false,
    caseHandled: tip?.caseHandled ?? false,
    caseReference: tip?.caseReference ?? '',
    note: tip?.note ?? '',
  };
  const { form, register, errors, dialog } = useDialogForm(tipInput, initial, (values) => (tip ? call('tips.update', { id: tip.id, version: versionOf(tip), values }) : call('tips.create', values)), onDone);
  const [model, setModel] = useState<PickedModel | null>(tip?.modelId ? { id: tip.modelId, name: tip.modelName ?? '' } : null);
  const channel = form.watch('channel');
  const caseHandled = form.watch('caseHandled');
  const wardId = form.watch('wardId');
  const neighbourhoods = catalogues.neighbourhoods.filter((entry) => entry.wardId === wardId);
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={t('tips.receivedOn')} placeholder="dd/mm/yyyy" withAsterisk {...FIRST_FIELD} {...register('receivedOn')} error={errors.receivedOn?.message} />
          <Controller
            control={form.control}
            name="channel"
            render={({ field, fieldState }) => (
              <Select
                label={t('tips.channel')}
                withAsterisk
                allowDeselect={false}
                data={TIP_CHANNELS.map((value) => ({ value, label: t(`tips.channels.${value}`) }))}
                value={field.value}
                onChange={(value) => field.onChange((value ?? 'truc_tiep') as TipChannel)}
                ref={field.ref}
                error={fieldState.error?.message}
              />
            )}
          />
        </Group>
        {channel === 'mo_hinh' && (
          <RecordPicker
            label={t('tips.model')}
            value={model}
            onChange={(picked) => {
              setModel(picked);
              form.setValue('modelId', picked?.id ?? '', { shouldDirty: true });
            }}
            search={searchModels}
            describe={(row) => ({ name: row.name ?? '', facts: [row.typeName, row.wardName].filter(Boolean).join(' · ') })}
          />
        )}
        {errors.modelId && (
          <Text size="sm" c="red">
            {errors.modelId.message}
          </Text>
        )}
        <Group grow align="flex-start">
          {(['wardId', 'neighbourhoodId'] as const).map((name) => (
            <Controller
              key={name}
              control={form.control}
              name={name}
              render={({ field, fieldState }) => (
                <Select
                  label={t(name === 'wardId' ? 'activities.ward' : 'activities.neighbourhood')}
                  withAsterisk={name === 'wardId'}
                  clearable={name !== 'wardId'}
                  data={name === 'wardId' ? catalogueOptions(catalogues.wards, tip?.wardId) : catalogueOptions(neighbourhoods, tip?.neighbourhoodId)}
                  value={field.value || null}
                  onChange={(value) => {
                    field.onChange(value ?? '');
                    if (name === 'wardId') form.setValue('neighbourhoodId', '', { shouldDirty: true });
                  }}
                  ref={field.ref}
                  error={fieldState.error?.message}
                />
              )}
            />
          ))}
        </Group>
        <Textarea label={t('tips.summary')} withAsterisk autosize minRows={2} {...register('summary')} error={errors.summary?.message} />
        <Group>
          <Checkbox label={t('tips.valuable')} {...register('valuable')} error={errors.valuable?.message} />
          <Checkbox label={t('tips.caseHandled')} {...register('caseHandled')} />
        </Group>
        {caseHandled && <TextInput label={t('tips.caseReference')} {...register('caseReference')} error={errors.caseReference?.message} />}
        <Textarea label={t('common.note')} autosize minRows={1} {...register('note')} error={errors.note?.message} />
      </Stack>
    </DialogForm>
  );
}

interface Filter {
  channel: TipChannel | null;
  wardId: string | null;
  from: string;
  to: string;
  search: string;
  trashed: boolean;
}

/** The filter as the list and its print view take it. */
function listFilter(filter: Filter) {
  const { offset: _offset, limit: _limit, ...rest } = query(filter, 0);
  return rest;
}

function query(filter: Filter, offset: number): ApiInput<'tips.list'> {
  return { channel: filter.channel ?? undefined, wardId: filter.wardId ?? undefined, from: completeDate(filter.from), to: completeDate(filter.to), search: filter.search || undefined, trashed: filter.trashed, offset, limit: PAGE };
}

export function TipsPage() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [filter, setFilter] = useState<Filter>(() => ({ channel: null, wardId: null, from: linkedFilter('from') ?? '', to: linkedFilter('to') ?? '', search: '', trashed: false }));
  const [list, setList] = useState<TipList | null>(null);
  const [editing, setEditing] = useState<{ entry: TipRow | null } | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    let live = true;
    call('tips.list', query(filter, 0)).then(
      (page) => live && setList(page),
      (error: unknown) => notifyError(error),
    );
    return () => {
      live = false;
    };
  }, [filter, changes]);
  const reload = () => setChanges((count) => count + 1);
  const set = (change: Partial<Filter>) => setFilter((current) => ({ ...current, ...change }));
  const more = async () => {
    if (!list) return;
    try {
      const page = await call('tips.list', query(filter, list.rows.length));
      setList({ ...page, rows: [...list.rows, ...page.rows] });
    } catch (error) {
      notifyError(error);
    }
  };
  const trashOrRestore = async (tip: TipRow) => {
    try {
      await call(tip.deletedAt ? 'tips.restore' : 'tips.trash', { id: tip.id });
      notifySaved(t(tip.deletedAt ? 'tips.restored' : 'activities.trashed'));
      setEditing(null);
      reload();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  return (
    <Stack gap="md" p="md">
      <EntryRegisterHeader title={t('tips.title')} trashed={filter.trashed} onTrashedChange={(trashed) => set({ trashed })} onAdd={() => setEditing({ entry: null })} printHref={printHref('tips', listFilter(filter))} />
      <Group gap="sm" align="flex-end">
        <TextInput label={t('common.search')} placeholder={t('tips.searchHint')} value={filter.search} onChange={(event) => set({ search: event.currentTarget.value })} w={260} />
        <Select label={t('tips.channel')} data={TIP_CHANNELS.map((value) => ({ value, label: t(`tips.channels.${value}`) }))} value={filter.channel} onChange={(value) => set({ channel: value as TipChannel | null })} clearable w={200} />
        <Select label={t('activities.ward')} data={catalogueOptions(catalogues.wards)} value={filter.wardId} onChange={(value) => set({ wardId: value })} clearable w={200} />
        <TextInput label={t('audit.from')} placeholder="dd/mm/yyyy" value={filter.from} onChange={(event) => set({ from: event.currentTarget.value })} w={130} />
        <TextInput label={t('audit.to')} placeholder="dd/mm/yyyy" value={filter.to} onChange={(event) => set({ to: event.currentTarget.value })} w={130} />
      </Group>
      {list && (
        <Alert variant="light" data-testid="tips-counts">
          {t('tips.counts', { tips: formatNumber(list.counts.tips), valuable: formatNumber(list.counts.valuable), cases: formatNumber(list.counts.cases) })}
        </Alert>
      )}
      <Paper withBorder>
        <Table striped highlightOnHover aria-label={t('tips.title')} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('tips.receivedOn')}</Table.Th>
              <Table.Th w={190}>{t('tips.channel')}</Table.Th>
              <Table.Th>{t('tips.summary')}</Table.Th>
              <Table.Th w={180}>{t('activities.ward')}</Table.Th>
              <Table.Th w={200}>{t('tips.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list?.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setEditing({ entry: row })}>
                    {formatDate(row.receivedOn)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`tips.channels.${row.channel}`)}</Text>
                  {row.modelName && (
                    <Text size="xs" c="dimmed">
                      {row.modelName}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{row.summary}</Table.Td>
                <Table.Td>{[row.neighbourhoodName, row.wardName].filter(Boolean).join(', ')}</Table.Td>
                <Table.Td>
                  <TipOutcome tip={row} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list && list.rows.length === 0 && (
          <Text p="md" c="dimmed">
            {t(filter.trashed ? 'activities.emptyTrash' : 'tips.empty')}
          </Text>
        )}
      </Paper>
      {list && list.rows.length < list.total && (
        <Button variant="default" size="xs" w="fit-content" onClick={() => void more()}>
          {t('audit.more')}
        </Button>
      )}
      <EntryDialog<TipRow>
        editing={editing}
        titles={{ new: t('tips.new'), edit: t('tips.edit'), inTrash: t('tips.inTrash') }}
        onClose={() => setEditing(null)}
        onTrashOrRestore={(entry) => void trashOrRestore(entry)}
        form={(entry) => (
          <TipForm
            tip={entry}
            onDone={() => {
              setEditing(null);
              reload();
            }}
          />
        )}
      />
    </Stack>
  );
}
