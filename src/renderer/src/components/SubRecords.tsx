/**
 * A record's list of sub-records (a model's members, its yearly evaluations, a person's reviews):
 * a table with edit and remove buttons per row, an "add" button, and the form in a dialog.
 */
import { ActionIcon, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from './confirm';
import { useEscapeLayer } from './layers';
import { notifyError } from './notify';
import { FormLayerContext, formLayerOf, useDirtyGuard } from './record-panel';

export interface SubRecordColumn<Row> {
  header: string;
  cell: (row: Row, index: number) => ReactNode;
  align?: 'right';
  width?: number;
}

/** What a record panel gives each of its sub-record tabs: the record's id, its sub-records, and whether it may be changed. */
export interface SubRecordTabProps<Row> {
  parentId: string;
  rows: Row[];
  readOnly: boolean;
  /** After a sub-record was added, changed or removed: the panel reloads the record. */
  onChanged: () => void;
}

interface SubRecordsProps<Row extends { id: string }> extends Omit<SubRecordTabProps<Row>, 'parentId'> {
  columns: SubRecordColumn<Row>[];
  label: string;
  addLabel: string;
  emptyText: string;
  /** How a row is named in the remove question and the buttons' labels. */
  describe: (row: Row) => { name: string; removeQuestion: string };
  remove: (row: Row) => Promise<unknown>;
  /** The add/edit form; it calls `done` after saving. */
  form: (row: Row | null, done: () => void) => ReactNode;
  modalSize?: string;
  /** Lays the rows out another way (a timeline); `actions` gives a row's edit and remove buttons. */
  renderList?: (rows: Row[], actions: (row: Row) => ReactNode) => ReactNode;
}

export function SubRecords<Row extends { id: string }>(props: SubRecordsProps<Row>) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  // Closing the dialog with typed, unsaved data asks first, as the record panel does.
  const guard = useDirtyGuard(() => setEditing(null));
  useEscapeLayer(editing !== null, () => void guard.close());
  const startEditing = (row: Row | 'new') => {
    guard.markSaved();
    setEditing(row);
  };

  const remove = async (row: Row) => {
    const { removeQuestion } = props.describe(row);
    if (!(await confirm({ title: t('common.remove'), message: removeQuestion, danger: true, confirmLabel: t('common.remove') }))) return;
    try {
      await props.remove(row);
      props.onChanged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  const actions = (row: Row) => (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="subtle" aria-label={`${t('common.edit')} ${props.describe(row).name}`} onClick={() => startEditing(row)}>
        <IconPencil size={16} />
      </ActionIcon>
      <ActionIcon variant="subtle" color="red" aria-label={`${t('common.remove')} ${props.describe(row).name}`} onClick={() => void remove(row)}>
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );

  return (
    <Stack gap="sm">
      {!props.readOnly && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} onClick={() => startEditing('new')}>
            {props.addLabel}
          </Button>
        </Group>
      )}
      {props.rows.length === 0 ? (
        <Text c="dimmed">{props.emptyText}</Text>
      ) : props.renderList ? (
        props.renderList(props.rows, (row) => (props.readOnly ? null : actions(row)))
      ) : (
        <Table striped highlightOnHover aria-label={props.label}>
          <Table.Thead>
            <Table.Tr>
              {props.columns.map((column) => (
                <Table.Th key={column.header} ta={column.align} w={column.width}>
                  {column.header}
                </Table.Th>
              ))}
              {!props.readOnly && <Table.Th w={84} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.rows.map((row, index) => (
              <Table.Tr key={row.id}>
                {props.columns.map((column) => (
                  <Table.Td key={column.header} ta={column.align}>
                    {column.cell(row, index)}
                  </Table.Td>
                ))}
                {!props.readOnly && <Table.Td>{actions(row)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => void guard.close()}
        title={editing === 'new' ? props.addLabel : t('common.edit')}
        size={props.modalSize}
        zIndex={300}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <FormLayerContext.Provider value={formLayerOf(guard)}>
          {editing !== null &&
            props.form(editing === 'new' ? null : editing, () => {
              guard.markSaved();
              setEditing(null);
              props.onChanged();
            })}
        </FormLayerContext.Provider>
      </Modal>
    </Stack>
  );
}
