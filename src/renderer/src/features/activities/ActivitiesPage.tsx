/**
 * Hoạt động phong trào (issue 17): propaganda sessions and campaigns, each one event on a day or a
 * month's total for a ward. Filtered by kind, ward, dates and accent-free text, with the filter's totals
 * ("16 buổi, cuộc với 4.347 lượt người"); a row opens its form; the Trash keeps what was deleted.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, activityInput, type ActivityInput, type ActivityKind, type ActivityList, type ActivityRow } from '../../../../shared/activities';
import type { ApiInput } from '../../../../shared/api';
import { completeDate, formatDate } from '../../../../shared/dates';
import type { ModelRow } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { printHref } from '../../print/PrintPage';
import { linkedFilter } from '../../components/register-link';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { ChoiceField } from '../../components/ChoiceField';
import { DialogForm } from '../../components/DialogForm';
import { EntryDialog, EntryRegisterHeader } from '../../components/EntryDialog';
import { FIRST_FIELD } from '../../components/form';
import { notifyError, notifySaved } from '../../components/notify';
import { RecordPicker } from '../../components/RecordPicker';
import { useDialogForm } from '../../components/useDialogForm';

const PAGE = 200;

/** "25/10/2018" for one event, "10/2018" for a month's total. */
export const periodText = (period: string) => (period.length === 7 ? `${period.slice(5, 7)}/${period.slice(0, 4)}` : formatDate(period));

type PickedModel = Pick<ModelRow, 'id'> & Partial<ModelRow>;
const searchModels = (search: string, offset: number, limit: number) => call('models.list', { search, offset, limit });

function ActivityForm({ activity, onDone }: { activity: ActivityRow | null; onDone: () => void }) {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const initial: ActivityInput = {
    kind: activity?.kind ?? 'tuyen_truyen',
    period: activity ? periodText(activity.period) : '',
    events: activity?.events ?? 1,
    wardId: activity?.wardId ?? '',
    neighbourhoodId: activity?.neighbourhoodId ?? '',
    topic: activity?.topic ?? '',
    programmeId: activity?.programmeId ?? '',
    organiser: activity?.organiser ?? '',
    modelId: activity?.modelId ?? '',
    participants: activity?.participants ?? '',
    note: activity?.note ?? '',
  };
  const { form, register, errors, dialog } = useDialogForm(activityInput, initial, (values) => (activity ? call('activities.update', { id: activity.id, version: versionOf(activity), values }) : call('activities.create', values)), onDone);
  const [model, setModel] = useState<PickedModel | null>(activity?.modelId ? { id: activity.modelId, name: activity.modelName ?? '' } : null);
  const kind = form.watch('kind');
  const wardId = form.watch('wardId');
  const neighbourhoods = catalogues.neighbourhoods.filter((entry) => entry.wardId === wardId);
  const select = (name: 'wardId' | 'neighbourhoodId' | 'programmeId', label: string, data: { value: string; label: string }[], required: boolean) => (
    <ChoiceField control={form.control} name={name} label={label} data={data} required={required} onChosen={name === 'wardId' ? () => form.setValue('neighbourhoodId', '', { shouldDirty: true }) : undefined} />
  );
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <SegmentedControl aria-label={t('activities.kind')} data={ACTIVITY_KINDS.map((value) => ({ value, label: t(`activities.kinds.${value}`) }))} value={field.value} onChange={(value) => field.onChange(value as ActivityKind)} />
          )}
        />
        <Group grow align="flex-start">
          <TextInput label={t('activities.period')} description={t('activities.periodHint')} withAsterisk {...FIRST_FIELD} {...register('period')} error={errors.period?.message} />
          <TextInput label={t(kind === 'van_dong' ? 'activities.eventsCampaigns' : 'activities.eventsSessions')} description={t('activities.eventsHint')} inputMode="numeric" {...register('events')} error={errors.events?.message} />
          <TextInput label={t('activities.participants')} withAsterisk inputMode="numeric" {...register('participants')} error={errors.participants?.message} />
        </Group>
        <Group grow align="flex-start">
          {select('wardId', t('activities.ward'), catalogueOptions(catalogues.wards, activity?.wardId), true)}
          {select('neighbourhoodId', t('activities.neighbourhood'), catalogueOptions(neighbourhoods, activity?.neighbourhoodId), false)}
        </Group>
        {kind === 'van_dong' && select('programmeId', t('activities.programme'), catalogueOptions(catalogues.programmes, activity?.programmeId), true)}
        <TextInput label={t(kind === 'van_dong' ? 'activities.campaignName' : 'activities.topic')} withAsterisk={kind === 'tuyen_truyen'} {...register('topic')} error={errors.topic?.message} />
        <Group grow align="flex-start">
          <TextInput label={t('activities.organiser')} {...register('organiser')} error={errors.organiser?.message} />
          <RecordPicker
            label={t('activities.model')}
            value={model}
            onChange={(picked) => {
              setModel(picked);
              form.setValue('modelId', picked?.id ?? '', { shouldDirty: true });
            }}
            search={searchModels}
            describe={(row) => ({ name: row.name ?? '', facts: [row.typeName, row.wardName].filter(Boolean).join(' · ') })}
          />
        </Group>
        <Textarea label={t('common.note')} autosize minRows={2} {...register('note')} error={errors.note?.message} />
      </Stack>
    </DialogForm>
  );
}

interface Filter {
  kind: ActivityKind | null;
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

function query(filter: Filter, offset: number): ApiInput<'activities.list'> {
  return { kind: filter.kind ?? undefined, wardId: filter.wardId ?? undefined, from: completeDate(filter.from), to: completeDate(filter.to), search: filter.search || undefined, trashed: filter.trashed, offset, limit: PAGE };
}

export function ActivitiesPage() {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const [filter, setFilter] = useState<Filter>(() => ({ kind: linkedFilter('kind') as ActivityKind | null, wardId: null, from: linkedFilter('from') ?? '', to: linkedFilter('to') ?? '', search: '', trashed: false }));
  const [list, setList] = useState<ActivityList | null>(null);
  const [editing, setEditing] = useState<{ entry: ActivityRow | null } | null>(null);
  /** Bumped after a save, a trash or a restore: the list is read again. */
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    let live = true;
    call('activities.list', query(filter, 0)).then(
      (page) => live && setList(page),
      (error: unknown) => notifyError(error),
    );
    return () => {
      live = false;
    };
  }, [filter, changes]);
  const reload = () => setChanges((count) => count + 1);
  const more = async () => {
    if (!list) return;
    try {
      const page = await call('activities.list', query(filter, list.rows.length));
      setList({ ...page, rows: [...list.rows, ...page.rows] });
    } catch (error) {
      notifyError(error);
    }
  };
  const set = (change: Partial<Filter>) => setFilter((current) => ({ ...current, ...change }));
  const trashOrRestore = async (activity: ActivityRow) => {
    try {
      await call(activity.deletedAt ? 'activities.restore' : 'activities.trash', { id: activity.id });
      notifySaved(t(activity.deletedAt ? 'activities.restored' : 'activities.trashed'));
      setEditing(null);
      reload();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  return (
    <Stack gap="md" p="md">
      <EntryRegisterHeader title={t('activities.title')} trashed={filter.trashed} onTrashedChange={(trashed) => set({ trashed })} onAdd={() => setEditing({ entry: null })} printHref={printHref('activities', listFilter(filter))} />
      <Text size="sm" c="dimmed">
        {t('activities.intro')}
      </Text>
      <Group gap="sm" align="flex-end">
        <TextInput label={t('common.search')} placeholder={t('activities.searchHint')} value={filter.search} onChange={(event) => set({ search: event.currentTarget.value })} w={260} />
        <Select label={t('activities.kind')} data={ACTIVITY_KINDS.map((value) => ({ value, label: t(`activities.kinds.${value}`) }))} value={filter.kind} onChange={(value) => set({ kind: value as ActivityKind | null })} clearable w={220} />
        <Select label={t('activities.ward')} data={catalogueOptions(catalogues.wards)} value={filter.wardId} onChange={(value) => set({ wardId: value })} clearable w={200} />
        <TextInput label={t('audit.from')} placeholder="dd/mm/yyyy" value={filter.from} onChange={(event) => set({ from: event.currentTarget.value })} w={130} />
        <TextInput label={t('audit.to')} placeholder="dd/mm/yyyy" value={filter.to} onChange={(event) => set({ to: event.currentTarget.value })} w={130} />
      </Group>
      {list && (
        <Alert variant="light" data-testid="activities-totals">
          {t('activities.totals', { entries: formatNumber(list.total), events: formatNumber(list.totals.events), participants: formatNumber(list.totals.participants) })}
        </Alert>
      )}
      <Paper withBorder>
        <Table striped highlightOnHover aria-label={t('activities.title')} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('activities.period')}</Table.Th>
              <Table.Th w={200}>{t('activities.kind')}</Table.Th>
              <Table.Th>{t('activities.content')}</Table.Th>
              <Table.Th w={180}>{t('activities.ward')}</Table.Th>
              <Table.Th w={90} ta="right">
                {t('activities.eventsShort')}
              </Table.Th>
              <Table.Th w={110} ta="right">
                {t('activities.participants')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list?.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component="button" type="button" size="sm" onClick={() => setEditing({ entry: row })}>
                    {periodText(row.period)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none">
                    {t(`activities.kinds.${row.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{[row.programmeName, row.topic].filter(Boolean).join(': ')}</Text>
                  {(row.organiser || row.modelName) && (
                    <Text size="xs" c="dimmed">
                      {[row.organiser, row.modelName].filter(Boolean).join(' · ')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{[row.neighbourhoodName, row.wardName].filter(Boolean).join(', ')}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.events)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.participants)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list && list.rows.length === 0 && (
          <Text p="md" c="dimmed">
            {t(filter.trashed ? 'activities.emptyTrash' : 'activities.empty')}
          </Text>
        )}
      </Paper>
      {list && list.rows.length < list.total && (
        <Button variant="default" size="xs" w="fit-content" onClick={() => void more()}>
          {t('audit.more')}
        </Button>
      )}
      <EntryDialog<ActivityRow>
        editing={editing}
        titles={{ new: t('activities.new'), edit: t('activities.edit'), inTrash: t('activities.inTrash') }}
        onClose={() => setEditing(null)}
        onTrashOrRestore={(entry) => void trashOrRestore(entry)}
        form={(entry) => (
          <ActivityForm
            activity={entry}
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
