/** The frame of a form in a dialog: Enter in a field and Ctrl+S save it, "Hủy" and "Lưu" below its fields. */
import type { FormEventHandler, ReactNode } from 'react';
import { formKeys } from './form';
import { FormFooter } from './FormFooter';

export function DialogForm({ onSubmit, saving, children }: { onSubmit: FormEventHandler<HTMLFormElement>; saving: boolean; children: ReactNode }) {
  return (
    <form onSubmit={onSubmit} onKeyDown={formKeys('save')} noValidate>
      {children}
      <FormFooter saving={saving} />
    </form>
  );
}
