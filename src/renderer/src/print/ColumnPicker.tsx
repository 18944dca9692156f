/** Pick and order the columns of a printed list; the choice is remembered per list. */
import { ActionIcon, Button, Checkbox, Group, Popover, Stack } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { printColumnsKey } from '../../../shared/print';
import { call } from '../api/client';

export interface ColumnChoice {
  key: string;
  visible: boolean;
}

export function ColumnPicker({ choices, labels, onChange }: { choices: ColumnChoice[]; labels: Record<string, string>; onChange: (choices: ColumnChoice[]) => void }) {
  const { t } = useTranslation();
  const move = (index: number, by: number) => {
    const next = [...choices];
    const [item] = next.splice(index, 1);
    if (item) next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <Popover position="bottom-start" withArrow shadow="md">
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />}>
          {t('print.columns')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown className="no-print">
        <Stack gap={4}>
          {choices.map((choice, index) => (
            <Group key={choice.key} gap={4} justify="space-between" wrap="nowrap">
              <Checkbox
                label={labels[choice.key]}
                checked={choice.visible}
                onChange={(event) => onChange(choices.map((item) => (item.key === choice.key ? { ...item, visible: event.currentTarget.checked } : item)))}
              />
              <Group gap={2} wrap="nowrap">
                <ActionIcon variant="subtle" size="sm" disabled={index === 0} onClick={() => move(index, -1)} aria-label={`${t('print.moveUp')} ${labels[choice.key]}`}>
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon variant="subtle" size="sm" disabled={index === choices.length - 1} onClick={() => move(index, 1)} aria-label={`${t('print.moveDown')} ${labels[choice.key]}`}>
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            </Group>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** The chosen columns, in the chosen order. */
export function shownColumns<Column extends { key: string }>(columns: Column[], choices: ColumnChoice[]): Column[] {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  return choices.filter((choice) => choice.visible).map((choice) => byKey.get(choice.key)).filter((column): column is Column => Boolean(column));
}

/**
 * The officer's column choice for a printed list (null while it loads), and a setter that remembers it.
 * `keys` must keep its identity between renders (memoised).
 */
export function useColumnChoices(list: string, keys: string[], defaultHidden?: string[]): [ColumnChoice[] | null, (next: ColumnChoice[]) => void] {
  const [choices, setChoices] = useState<ColumnChoice[] | null>(null);
  useEffect(() => {
    call('ui.getState', { key: printColumnsKey(list) }).then(
      ({ value }) => setChoices(mergeChoices(value, keys, defaultHidden)),
      () => setChoices(mergeChoices(null, keys, defaultHidden)),
    );
  }, [list, keys, defaultHidden]);
  const change = (next: ColumnChoice[]) => {
    setChoices(next);
    void call('ui.setState', { key: printColumnsKey(list), value: next }).catch(() => undefined);
  };
  return [choices, change];
}

/** Saved choices merged with the list's current columns (new columns appear, removed ones drop out). */
export function mergeChoices(saved: unknown, keys: string[], defaultHidden: string[] = []): ColumnChoice[] {
  const valid = Array.isArray(saved) ? (saved as ColumnChoice[]).filter((choice) => keys.includes(choice.key)) : [];
  const missing = keys.filter((key) => !valid.some((choice) => choice.key === key)).map((key) => ({ key, visible: !defaultHidden.includes(key) }));
  return [...valid, ...missing];
}
