/** Form plumbing shared by every record form: react-hook-form driven by the shared zod schemas. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, type KeyboardEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../../../shared/errors';
import { notifyError } from './notify';

/** A form validated as the officer types, by the same schema the server applies. */
export function useSchemaForm<Schema extends z.ZodType<FieldValues, FieldValues>>(schema: Schema, defaultValues: DefaultValues<z.input<Schema>>) {
  return useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: 'onChange',
  });
}

/** Puts the server's field messages next to the fields; returns false when the error was not about fields. */
export function showServerErrors<Values extends FieldValues>(form: UseFormReturn<Values, unknown, unknown>, error: unknown): boolean {
  if (!(error instanceof ApiError) || !error.fields?.length) return false;
  for (const problem of error.fields) form.setError(problem.field as Path<Values>, { type: 'server', message: problem.message });
  return true;
}

/** Enter moves to the next field, as in the paper-form habit of data entry; Ctrl+Enter still submits. */
export function enterMovesOn(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target as HTMLElement;
  if (event.key !== 'Enter' || event.ctrlKey || target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
  if (target.getAttribute('aria-expanded') === 'true') return; // an open select list takes Enter itself
  event.preventDefault();
  const fields = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea:not([disabled]), button[type=submit]'));
  const next = fields[fields.indexOf(target) + 1];
  next?.focus();
}

/** Asks the browser/Electron to warn before the window closes while a form has unsaved changes. */
export function useUnloadGuard(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

/** Runs a save; field problems from the server go next to their fields, anything else to a notification. */
export async function saveOrShowErrors<Values extends FieldValues>(form: UseFormReturn<Values, unknown, unknown>, save: () => Promise<void>, errorTitle: string) {
  try {
    await save();
  } catch (error) {
    if (!showServerErrors(form, error)) notifyError(error, errorTitle);
  }
}

/** Ctrl+S (Cmd+S) saves the form on screen. */
export function useSaveShortcut(save: () => unknown) {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);
}
