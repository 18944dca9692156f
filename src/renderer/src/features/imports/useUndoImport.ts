/** "Hoàn tác lần nhập": asks first, undoes the run as one (imports.undo), and tells what it did. */
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportUndone } from '../../../../shared/imports';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { notifyError, notifySaved } from '../../components/notify';

/** What an undo did, in one sentence for the officer. */
export function undoneText(t: TFunction, undone: ImportUndone): string {
  const parts = [
    t('imports.undoneTrashed', { count: formatNumber(undone.trashed) }),
    ...(undone.membersRemoved > 0 ? [t('imports.undoneMembers', { count: formatNumber(undone.membersRemoved) })] : []),
    t('imports.undoneGone', { count: formatNumber(undone.alreadyGone) }),
    ...(undone.undoneEarlier > 0 ? [t('imports.undoneEarlier', { count: formatNumber(undone.undoneEarlier) })] : []),
    t('imports.undoneKept', { count: formatNumber(undone.updatesKept) }),
  ];
  return t('imports.undoneDetail', { parts: parts.join('; ') });
}

export function useUndoImport(runId: string, question: { title: string; message: string; confirmLabel: string }) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [undoing, setUndoing] = useState(false);
  const [undone, setUndone] = useState<ImportUndone | null>(null);

  const undo = async () => {
    if (!(await confirm({ ...question, danger: true }))) return;
    setUndoing(true);
    try {
      setUndone(await call('imports.undo', { runId }));
      notifySaved(t('imports.undone'));
    } catch (error) {
      notifyError(error, t('imports.undoFailed'));
    } finally {
      setUndoing(false);
    }
  };
  return { undo, undoing, undone };
}
