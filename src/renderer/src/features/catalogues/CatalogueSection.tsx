/**
 * One catalogue: its table, and the add/edit form in a dialog. The catalogue gives its schema, its
 * fields and how an entry is saved; saving reloads the catalogues every form offers.
 */
import { Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { useCatalogues } from '../../app/catalogues-context';
import { DialogForm } from '../../components/DialogForm';
import { GuardedModal } from '../../components/GuardedModal';
import { useDialogForm } from '../../components/useDialogForm';
import { CatalogueTable, type CatalogueColumn, type CatalogueEntry } from './CatalogueTable';

type CatalogueSchema = z.ZodType<FieldValues, FieldValues>;

interface CatalogueFormSpec<Row, Schema extends CatalogueSchema> {
  schema: Schema;
  /** The form's values for an entry, or for a new one (`null`). */
  valuesOf: (row: Row | null) => DefaultValues<z.input<Schema>>;
  save: (row: Row | null, values: z.input<Schema>) => Promise<unknown>;
  /** The form's fields, the name first. */
  fields: (form: UseFormReturn<z.input<Schema>, unknown, z.output<Schema>>) => ReactNode;
}

interface CatalogueSectionProps<Row extends CatalogueEntry, Schema extends CatalogueSchema> extends CatalogueFormSpec<Row, Schema> {
  rows: Row[];
  addLabel: string;
  columns: CatalogueColumn<Row>[];
  /** Above the table, on the left: a picker that narrows the list. */
  toolbar?: ReactNode;
  addDisabled?: boolean;
}

export function CatalogueSection<Row extends CatalogueEntry, Schema extends CatalogueSchema>({ rows, addLabel, columns, toolbar, addDisabled, ...form }: CatalogueSectionProps<Row, Schema>) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  return (
    <>
      <CatalogueTable rows={rows} addLabel={addLabel} onEdit={setEditing} columns={columns} toolbar={toolbar} addDisabled={addDisabled} />
      <GuardedModal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? addLabel : t('common.edit')}>
        {editing !== null && <CatalogueForm {...form} row={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      </GuardedModal>
    </>
  );
}

function CatalogueForm<Row, Schema extends CatalogueSchema>({ schema, valuesOf, save, fields, row, onDone }: CatalogueFormSpec<Row, Schema> & { row: Row | null; onDone: () => void }) {
  const { reload } = useCatalogues();
  const { form, dialog } = useDialogForm(
    schema,
    valuesOf(row),
    async (values) => {
      await save(row, values);
      await reload();
    },
    onDone,
  );
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">{fields(form)}</Stack>
    </DialogForm>
  );
}
