/** A catalogue list: a table with an edit button per row and an "add" button above it. */
import { ActionIcon, Badge, Button, Group, Stack, Table } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CatalogueAliases } from './CatalogueAliases';

/** An entry of any catalogue: a name, and whether it is still offered in the forms. */
export interface CatalogueEntry {
  id: string;
  name: string;
  active: boolean;
}

export interface CatalogueColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
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

export function CatalogueTable<Row extends CatalogueEntry>(props: {
  rows: Row[];
  addLabel: string;
  columns: CatalogueColumn<Row>[];
  onEdit: (row: Row | 'new') => void;
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
                <CatalogueAliases entryId={row.id} />
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
