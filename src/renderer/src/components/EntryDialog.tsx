/**
 * A small register's page pieces (activities, tips): the title row with the switch to the Trash, "In"
 * and "Thêm mới", and the dialog of an entry: its form, with "Xóa (vào Thùng rác)" for a saved one, or, for
 * one in the Trash, "Khôi phục".
 */
import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconPlus, IconPrinter, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GuardedModal } from './GuardedModal';

export function EntryRegisterHeader({
  title,
  trashed,
  onTrashedChange,
  onAdd,
  printHref,
}: {
  title: string;
  trashed: boolean;
  onTrashedChange: (trashed: boolean) => void;
  onAdd: () => void;
  /** The print view of the list as filtered, for registers that print. */
  printHref?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Title order={2}>{title}</Title>
      <Group gap="xs">
        <SegmentedControl
          aria-label={t('common.trashBin')}
          value={trashed ? 'trash' : 'live'}
          onChange={(value) => onTrashedChange(value === 'trash')}
          data={[
            { value: 'live', label: title },
            { value: 'trash', label: t('common.trashBin') },
          ]}
        />
        {printHref && (
          <Button variant="default" leftSection={<IconPrinter size={16} />} component="a" href={printHref}>
            {t('common.print')}
          </Button>
        )}
        <Button leftSection={<IconPlus size={16} />} onClick={onAdd} disabled={trashed}>
          {t('common.add')}
        </Button>
      </Group>
    </Group>
  );
}

interface EntryDialogProps<Row extends { deletedAt: string | null }> {
  /** null: closed; { entry: null }: a new entry. */
  editing: { entry: Row | null } | null;
  titles: { new: string; edit: string; inTrash: string };
  onClose: () => void;
  onTrashOrRestore: (entry: Row) => void;
  form: (entry: Row | null) => ReactNode;
}

export function EntryDialog<Row extends { deletedAt: string | null }>({ editing, titles, onClose, onTrashOrRestore, form }: EntryDialogProps<Row>) {
  const { t } = useTranslation();
  const entry = editing?.entry ?? null;
  return (
    <GuardedModal opened={editing !== null} onClose={onClose} size="xl" title={entry ? titles.edit : titles.new}>
      {entry?.deletedAt ? (
        <Stack>
          <Text>{titles.inTrash}</Text>
          <Button leftSection={<IconArrowBackUp size={16} />} color="teal" w="fit-content" onClick={() => onTrashOrRestore(entry)}>
            {t('common.restore')}
          </Button>
        </Stack>
      ) : (
        editing && (
          <>
            {form(entry)}
            {entry && (
              <Button mt="sm" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => onTrashOrRestore(entry)}>
                {t('common.trash')}
              </Button>
            )}
          </>
        )
      )}
    </GuardedModal>
  );
}
