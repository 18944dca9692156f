/** "Sửa": the officer retypes the cells of a row that have a problem; the file itself is not changed. */
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { columnLetters, type PreviewRow } from '../../../../shared/imports';

/** A column of the row with a problem, and what is known of it. */
export interface FixableCell {
  column: number;
  header: string;
  /** The value as read, or as the officer fixed it before. */
  value: string;
  problem: string;
}

interface FixRowModalProps {
  row: PreviewRow;
  cells: FixableCell[];
  onSave: (values: Record<string, string>) => void;
  onClose: () => void;
}

export function FixRowModal({ row, cells, onSave, onClose }: FixRowModalProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(cells.map((cell) => [cell.column, cell.value])));

  const save = (event: FormEvent) => {
    event.preventDefault();
    onSave(values);
  };

  return (
    <Modal opened onClose={onClose} title={t('imports.fixTitle', { row: row.rowNumber })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={save}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('imports.fixHint')}
          </Text>
          {cells.map((cell, index) => (
            <TextInput
              key={cell.column}
              label={t('imports.fixColumn', { column: columnLetters(cell.column), header: cell.header })}
              description={cell.problem}
              value={values[cell.column] ?? ''}
              onChange={(event) => setValues({ ...values, [cell.column]: event.currentTarget.value })}
              data-autofocus={index === 0 || undefined}
            />
          ))}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t('imports.saveFix')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
