import { Checkbox, Switch } from '@mantine/core';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

/** A yes/no field bound to the form (controlled, so the stored value always shows as it is). */
export function BooleanField<Values extends FieldValues, Output>({
  control,
  name,
  label,
  kind = 'checkbox',
}: {
  control: Control<Values, unknown, Output>;
  name: Path<Values>;
  label: string;
  kind?: 'checkbox' | 'switch';
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const props = { label, checked: Boolean(field.value), onChange: (event: React.ChangeEvent<HTMLInputElement>) => field.onChange(event.currentTarget.checked), onBlur: field.onBlur, ref: field.ref };
        return kind === 'switch' ? <Switch {...props} /> : <Checkbox {...props} />;
      }}
    />
  );
}
