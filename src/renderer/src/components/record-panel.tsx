/** Pieces every record panel shares: the dirty-form guard on closing, and the trash/restore action. */
import { Button } from '@mantine/core';
import { IconArrowBackUp, IconTrash } from '@tabler/icons-react';
import { createContext, useCallback, useContext, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirm } from './confirm';

/** Tracks whether the panel's form has unsaved changes and asks before the panel is left. */
export function useDirtyGuard(onClose: () => void) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const dirty = useRef(false);
  const setDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  const close = async () => {
    if (
      dirty.current &&
      !(await confirm({ title: t('common.discardTitle'), message: t('common.discardText'), confirmLabel: t('common.discard'), cancelLabel: t('common.keepEditing'), danger: true }))
    ) {
      return;
    }
    dirty.current = false;
    onClose();
  };
  return { setDirty, close, markSaved: () => setDirty(false) };
}

/**
 * What a dialog gives the form inside it: where to report unsaved changes (so closing asks first), and
 * how to cancel (close the dialog, asking first when typed data would be lost).
 */
export interface FormLayer {
  reportDirty: (dirty: boolean) => void;
  cancel: () => void;
}

export const FormLayerContext = createContext<FormLayer | null>(null);

/** The FormLayer of a dialog guarded by `useDirtyGuard`. */
export const formLayerOf = (guard: { setDirty: (dirty: boolean) => void; close: () => Promise<void> }): FormLayer => ({
  reportDirty: guard.setDirty,
  cancel: () => void guard.close(),
});

/** Reports a form's dirty state to the dialog around it (see FormLayerContext). */
export function useReportDirty(dirty: boolean) {
  const layer = useContext(FormLayerContext);
  useEffect(() => layer?.reportDirty(dirty), [dirty, layer]);
}

export function TrashButton({ trashed, onClick }: { trashed: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button
      variant={trashed ? 'filled' : 'subtle'}
      color={trashed ? 'teal' : 'red'}
      size="xs"
      leftSection={trashed ? <IconArrowBackUp size={14} /> : <IconTrash size={14} />}
      onClick={onClick}
    >
      {trashed ? t('common.restore') : t('common.trash')}
    </Button>
  );
}
