/**
 * A choice from a list (a rating, a result, a ward, a khu phố), bound to the form. A required one, once
 * chosen, cannot be emptied; an optional one can be cleared. `onChosen` runs after a choice (a ward's
 * change empties its khu phố).
 */
import { Select } from '@mantine/core';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

interface ChoiceFieldProps<Values extends FieldValues, Output> {
  control: Control<Values, unknown, Output>;
  name: Path<Values>;
  label: string;
  data: { value: string; label: string }[];
  required?: boolean;
  onChosen?: () => void;
  /** The field the dialog puts the caret in when it opens. */
  autoFocus?: boolean;
}

export function ChoiceField<Values extends FieldValues, Output>({ control, name, label, data, required = true, onChosen, autoFocus }: ChoiceFieldProps<Values, Output>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          label={label}
          withAsterisk={required}
          clearable={!required}
          data-autofocus={autoFocus}
          data={data}
          value={typeof field.value === 'string' && field.value !== '' ? field.value : null}
          onChange={(value) => {
            field.onChange(value ?? (required ? undefined : ''));
            onChosen?.();
          }}
          allowDeselect={!required}
          ref={field.ref}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
