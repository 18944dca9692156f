/**
 * A small form in a dialog (a member, an evaluation, a catalogue entry): validated by its schema,
 * reporting unsaved changes to the dialog, saved with the server's field messages next to the fields.
 */
import type { DefaultValues, FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { saveOrShowErrors, useSchemaForm } from './form';
import { notifySaved } from './notify';
import { useReportDirty } from './record-panel';

export function useDialogForm<Schema extends z.ZodType<FieldValues, FieldValues>>(
  schema: Schema,
  defaultValues: DefaultValues<z.input<Schema>>,
  save: (values: z.input<Schema>) => Promise<unknown>,
  onDone: () => void,
  savedText?: string,
) {
  const { t } = useTranslation();
  const form = useSchemaForm(schema, defaultValues);
  useReportDirty(form.formState.isDirty);
  const submit = form.handleSubmit(() =>
    saveOrShowErrors(
      form,
      async () => {
        await save(form.getValues());
        notifySaved(savedText ?? t('common.saved'));
        onDone();
      },
      t('common.error'),
    ),
  );
  const { formState } = form;
  /** `dialog` goes to the DialogForm around the fields. */
  return { form, register: form.register, errors: formState.errors, dialog: { onSubmit: submit, saving: formState.isSubmitting } };
}
