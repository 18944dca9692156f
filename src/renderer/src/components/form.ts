/** Form plumbing shared by every record form: react-hook-form driven by the shared zod schemas. */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { ApiError } from '../../../shared/errors';
import { notifyError, notifyStale } from './notify';

/** A form validated as the officer types, by the same schema the server applies. */
export function useSchemaForm<Schema extends z.ZodType<FieldValues, FieldValues>>(schema: Schema, defaultValues: DefaultValues<z.input<Schema>>) {
  return useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver: zodResolver(schema as never) as never,
    defaultValues,
    mode: 'onChange',
  });
}

/**
 * Puts the server's field messages next to the fields; returns false when the error was not about fields.
 * A save refused for a newer version says so in a notification that stays, and shows the newer values at their fields.
 */
export function showServerErrors<Values extends FieldValues>(form: UseFormReturn<Values, unknown, unknown>, error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.reason === 'version') notifyStale(error);
  else if (!error.fields?.length) return false;
  for (const problem of error.fields ?? []) form.setError(problem.field as Path<Values>, { type: 'server', message: problem.message });
  return true;
}

/**
 * Props of a form's first field: it takes the caret when its drawer or dialog opens, with what it holds
 * selected, so typing replaces a proposed value (this year, today) instead of being added to it.
 */
export const FIRST_FIELD = {
  autoFocus: true,
  'data-autofocus': true,
  onFocus: (event: FocusEvent<HTMLInputElement>) => {
    // Only the first time: when the caret comes back (after a question, a click elsewhere) what was typed stays.
    const input = event.currentTarget;
    if (selectedOnce.has(input)) return;
    selectedOnce.add(input);
    // autoFocus fires while React mounts the field, before react-hook-form puts the value in: select after that.
    queueMicrotask(() => input.select());
  },
} as const;
const selectedOnce = new WeakSet<HTMLInputElement>();

/** An open dropdown list: Enter there picks from the list (Mantine) and must never save or move on. */
const inOpenList = (target: HTMLElement) => target.getAttribute('aria-expanded') === 'true';

/** The first option that can be chosen in the list a combobox controls. */
function firstOption(target: HTMLElement): HTMLElement | null {
  const list = document.getElementById(target.getAttribute('aria-controls') ?? '');
  return list?.querySelector<HTMLElement>('[role="option"]:not([data-combobox-disabled]):not([data-stale])') ?? null;
}

const isSaveShortcut = (event: { ctrlKey: boolean; metaKey: boolean; key: string }) => (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's';

/** Submits a form the way its "Lưu" button would; nothing when the form has no enabled save button (read-only). */
function submitForm(form: HTMLFormElement) {
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
  if (button && !button.disabled) form.requestSubmit(button);
}

/**
 * The keys of a form. Ctrl+S saves it. Enter: in a long form (a drawer, a page) it moves to the next
 * field, the paper-form habit of data entry, and Ctrl+Enter saves; in a dialog (`'save'`) Enter in a
 * single-line field saves, which is what the browser does for a form with a submit button.
 */
export function formKeys(enter: 'next' | 'save') {
  return (event: KeyboardEvent<HTMLFormElement>) => {
    if (isSaveShortcut(event)) {
      event.preventDefault();
      submitForm(event.currentTarget);
    } else if (event.key === 'Enter' && inOpenList(event.target as HTMLElement)) {
      if (event.defaultPrevented) return; // the list took its highlighted option itself
      // Typed faster than the list highlights its first match: Enter takes that match; with none (nothing
      // found, results still coming) nothing happens, and never a save with the old value.
      event.preventDefault();
      firstOption(event.target as HTMLElement)?.click();
    } else if (enter === 'next') enterMovesOn(event);
  };
}

function enterMovesOn(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target as HTMLElement;
  if (event.key !== 'Enter' || event.defaultPrevented || event.ctrlKey || target.tagName === 'TEXTAREA' || target.tagName === 'BUTTON') return;
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

/**
 * Ctrl+S saves a drawer's form also while the caret is outside it (on a tab, on the drawer's title),
 * unless the caret is in another layer, such as a dialog over the drawer, which has its own form.
 */
export function useSaveShortcut(form: RefObject<HTMLFormElement | null>) {
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!isSaveShortcut(event) || event.defaultPrevented || !form.current) return; // a form's own formKeys came first
      const layerOf = (element: Element) => element.closest('[role="dialog"]');
      const focused = document.activeElement;
      if (focused && focused !== document.body && layerOf(focused) !== layerOf(form.current)) return;
      event.preventDefault();
      submitForm(form.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [form]);
}
