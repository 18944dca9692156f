/** A required choice from a fixed list (a rating, a result, a status), bound to the form; once chosen it cannot be emptied. */
import { Select } from '@mantine/core';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

interface ChoiceFieldProps<Values extends FieldValues, Output> {
  control: Control<Values, unknown, Output>;
  name: Path<Values>;
  label: string;
  data: { value: string; label: string }[];
  /** The field the dialog puts the caret in when it opens. */
  autoFocus?: boolean;
}

export function ChoiceField<Values extends FieldValues, Output>({ control, name, label, data, autoFocus }: ChoiceFieldProps<Values, Output>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          label={label}
          withAsterisk
          data-autofocus={autoFocus}
          data={data}
          value={typeof field.value === 'string' && field.value !== '' ? field.value : null}
          onChange={(value) => field.onChange(value ?? undefined)}
          allowDeselect={false}
          ref={field.ref}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
