/**
 * "Giá trị chưa có trong danh mục": each phường, khu phố, category, helper organisation or model type of
 * the file that no catalogue entry matches, once, with how many rows use it. The officer adds it to the
 * catalogue or takes it as another name of an existing entry (remembered for the next import); a likely
 * entry is offered first, never chosen unasked. The rows are checked again with the choices.
 */
import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconCheck, IconListDetails } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CatalogueChoice, CatalogueName, UnknownCatalogueValue } from '../../../../shared/imports';
import { foldForSearch, formatNumber } from '../../../../shared/text';
import { useCatalogues } from '../../app/catalogues-context';

// The Select's value for "add as a new entry"; entry ids are UUIDs.
const ADD = 'add';

/** What the panel shows as picked but not applied yet: value key -> "add", an entry id, or null (cleared). */
export type CatalogueDraft = Record<string, string | null>;

interface UnknownValuesPanelProps {
  values: UnknownCatalogueValue[];
  draft: CatalogueDraft;
  onDraftChange: (draft: CatalogueDraft) => void;
  onApply: (choices: CatalogueChoice[]) => void;
}

const choiceValue = (choice: CatalogueChoice | undefined | null) => (choice ? (choice.action === 'add' ? ADD : choice.entryId) : null);

/** Whether the panel holds picks that the rows were not checked with. */
export const draftDiffers = (draft: CatalogueDraft, applied: readonly CatalogueChoice[]) =>
  Object.entries(draft).some(([key, value]) => value !== choiceValue(applied.find((choice) => choice.key === key)));

export function UnknownValuesPanel({ values, draft: picked, onDraftChange, onApply }: UnknownValuesPanelProps) {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  // What each value shows: the pick not applied yet, else the choice the rows were checked with.
  const draft: CatalogueDraft = Object.fromEntries(values.map((value) => [value.key, value.key in picked ? (picked[value.key] ?? null) : choiceValue(value.choice)]));
  const setDraft = (next: CatalogueDraft) => onDraftChange(Object.fromEntries(Object.entries(next).filter(([key, chosen]) => chosen !== choiceValue(values.find((value) => value.key === key)?.choice))));

  // A khu phố of the row's ward; while the ward is not known, every khu phố, named with its ward.
  const entriesOf = (value: UnknownCatalogueValue) => {
    const entries: { id: string; name: string; wardId?: string }[] = catalogues[value.catalogue as CatalogueName];
    if (value.catalogue !== 'neighbourhoods') return entries;
    if (value.wardId) return entries.filter((entry) => entry.wardId === value.wardId);
    return entries.map((entry) => ({ ...entry, name: `${entry.name} (${catalogues.wards.find((ward) => ward.id === entry.wardId)?.name ?? ''})` }));
  };

  const optionsOf = (value: UnknownCatalogueValue) => {
    const suggested = value.suggestion ? [{ value: value.suggestion.id, label: t('imports.unknown.suggested', { name: value.suggestion.name }) }] : [];
    const others = entriesOf(value)
      .filter((entry) => entry.id !== value.suggestion?.id)
      .map((entry) => ({ value: entry.id, label: entry.name }));
    return [{ value: ADD, label: t('imports.unknown.add', { name: value.proposedName }) }, ...suggested, ...others];
  };

  const choices = (chosen: Record<string, string | null>): CatalogueChoice[] =>
    Object.entries(chosen).flatMap(([key, value]): CatalogueChoice[] => (value === null ? [] : value === ADD ? [{ key, action: 'add' }] : [{ key, action: 'map', entryId: value }]));
  const undecided = values.filter((value) => !draft[value.key]);
  const changed = Object.keys(picked).length > 0;

  return (
    // Orange while a value waits for a choice; calm once every value has one.
    <Alert color={values.every((value) => value.choice) ? 'blue' : 'orange'} variant="light" icon={<IconListDetails size={18} />} title={t('imports.unknown.title', { count: values.length })}>
      <Stack gap="xs">
        <Text size="sm">{t('imports.unknown.hint')}</Text>
        <Table withTableBorder verticalSpacing={4} data-testid="import-unknown-values">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.unknown.catalogue')}</Table.Th>
              <Table.Th>{t('imports.unknown.value')}</Table.Th>
              <Table.Th>{t('imports.unknown.rows')}</Table.Th>
              <Table.Th w={360}>{t('imports.unknown.choice')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {values.map((value) => (
              <Table.Tr key={value.key}>
                <Table.Td>{value.label}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {value.text}
                  </Text>
                  {value.wardText && (
                    <Text size="xs" c="dimmed">
                      {t('imports.unknown.inWard', { ward: value.wardText })}
                    </Text>
                  )}
                  {value.suggestion && !draft[value.key] && (
                    <Text size="xs" c="orange.9">
                      {t('imports.unknown.maybe', { name: value.suggestion.name })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatNumber(value.rows)}</Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    searchable
                    clearable
                    aria-label={t('imports.unknown.choiceFor', { label: value.label, value: value.text })}
                    placeholder={t('imports.unknown.choose')}
                    data={optionsOf(value)}
                    value={draft[value.key] ?? null}
                    onChange={(chosen) => setDraft({ ...draft, [value.key]: chosen })}
                    filter={({ options, search }) => options.filter((option) => 'label' in option && foldForSearch(option.label).includes(foldForSearch(search)))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            disabled={undecided.length === 0}
            onClick={() => setDraft({ ...draft, ...Object.fromEntries(undecided.map((value) => [value.key, ADD])) })}
          >
            {t('imports.unknown.addAll', { count: undecided.length })}
          </Button>
          <Button size="xs" leftSection={<IconCheck size={14} />} disabled={!changed} onClick={() => onApply(choices(draft))}>
            {t('imports.unknown.apply')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
