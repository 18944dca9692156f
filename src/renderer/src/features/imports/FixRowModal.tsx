/** "Sửa": the officer retypes the cells of a row that have a problem; the file itself is not changed. */
import { Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { columnLetters, type PreviewRow } from '../../../../shared/imports';
import { formKeys } from '../../components/form';
import { FormFooter } from '../../components/FormFooter';
import { GuardedModal } from '../../components/GuardedModal';
import { useReportDirty } from '../../components/record-panel';

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
  return (
    <GuardedModal opened onClose={onClose} title={t('imports.fixTitle', { row: row.rowNumber })} size="lg">
      <FixRowForm cells={cells} onSave={onSave} />
    </GuardedModal>
  );
}

function FixRowForm({ cells, onSave }: Pick<FixRowModalProps, 'cells' | 'onSave'>) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(cells.map((cell) => [cell.column, cell.value])));
  useReportDirty(cells.some((cell) => (values[cell.column] ?? '') !== cell.value));

  const save = (event: FormEvent) => {
    event.preventDefault();
    onSave(values);
  };

  return (
    <form onSubmit={save} onKeyDown={formKeys('save')}>
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
        <FormFooter saving={false} />
      </Stack>
    </form>
  );
}
