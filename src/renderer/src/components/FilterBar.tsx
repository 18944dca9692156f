/**
 * A register's search row: the search box, a "Bộ lọc" button that says how many filters are set and
 * folds the filters (and the counts that go with them) away, so on a 1366×768 screen the grid gets the
 * height; whatever else the page puts on the row (the count shown, a switch) sits at its end.
 */
import { Button, Collapse, Group, Paper } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconFilter, IconFilterOff } from '@tabler/icons-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FilterBarProps {
  /** The search box (labelled by aria-label: the row has no room for a label above it). */
  search: ReactNode;
  /** How many filters are set now. */
  active: number;
  /** Clears every filter (the search stays). */
  onClear: () => void;
  /** Shown at the row's end: the count of rows, a switch. */
  end?: ReactNode;
  /** The filters, shown when the officer opens them. */
  children: ReactNode;
}

export function FilterBar({ search, active, onClear, end, children }: FilterBarProps) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  const panelId = useId();
  return (
    <>
      <Group gap="sm" wrap="wrap">
        {search}
        <Button
          variant={active > 0 ? 'light' : 'default'}
          leftSection={<IconFilter size={16} />}
          rightSection={opened ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          aria-expanded={opened}
          aria-controls={panelId}
          onClick={toggle}
        >
          {active > 0 ? t('common.filtersActive', { count: active }) : t('common.filters')}
        </Button>
        {active > 0 && (
          <Button variant="subtle" color="gray" leftSection={<IconFilterOff size={16} />} onClick={onClear}>
            {t('common.clearFilters')}
          </Button>
        )}
        {end}
      </Group>
      <Collapse expanded={opened} id={panelId}>
        <Paper withBorder p="sm">
          {children}
        </Paper>
      </Collapse>
    </>
  );
}
