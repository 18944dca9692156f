/**
 * What every record panel (a model, a person, a nomination) does around its record: load it when the
 * panel opens and again after each change, ask before unsaved edits are lost, close on Esc, and move
 * the record to the Trash or back.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useConfirm } from './confirm';
import { useEscapeLayer } from './layers';
import { notifyError, notifySaved } from './notify';
import { useDirtyGuard } from './record-panel';

/** What a panel shows: a blank form for a new record, or a record already saved. */
export type RecordTarget = { kind: 'new' } | { kind: 'existing'; id: string };

/** What a page gives its record panel. */
export interface RecordPanelProps<Target extends RecordTarget = RecordTarget> {
  target: Target | null;
  onClose: () => void;
  onChanged: () => void;
  onOpen: (target: Target) => void;
}

interface RecordPanelOptions<Detail> extends Omit<RecordPanelProps, 'onOpen'> {
  /** Loads the record; a function defined once (outside the component), so it is not loaded again on every render. */
  get: (id: string) => Promise<Detail>;
  /** Opens the record the "new" form has just saved. */
  onOpen: (target: { kind: 'existing'; id: string }) => void;
}

/** The register whose `.trash` and `.restore` methods move the record, and what the officer is told. */
interface TrashActions {
  register: 'models' | 'subjects' | 'nominations';
  trashedText: string;
  restoredText: string;
}

export function useRecordPanel<Detail>({ target, get, onClose, onChanged, onOpen }: RecordPanelOptions<Detail>) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [detail, setDetail] = useState<Detail | null>(null);
  // Bumped on each load, so the parts that fetch their own data (history, awards) fetch again.
  const [refreshKey, setRefreshKey] = useState(0);
  const { setDirty, close, markSaved } = useDirtyGuard(onClose);
  useEscapeLayer(target !== null, () => void close());

  const load = useCallback(
    (id: string) =>
      get(id).then(
        (loaded) => {
          setDetail(loaded);
          setRefreshKey((key) => key + 1);
        },
        (error: unknown) => notifyError(error, t('common.error')),
      ),
    [get, t],
  );

  // The page gives each target its own panel instance (key), so state starts fresh per record.
  const targetId = target?.kind === 'existing' ? target.id : null;
  useEffect(() => {
    if (targetId) void load(targetId);
  }, [targetId, load]);

  /** After a change inside the panel (a form saved, a sub-record added): the record and the register reload. */
  const changed = () => {
    if (targetId) void load(targetId);
    onChanged();
  };

  const trashOrRestore = async (record: { id: string; deletedAt: string | null }, trashQuestion: string, actions: TrashActions) => {
    try {
      if (record.deletedAt) {
        await call(`${actions.register}.restore`, { id: record.id });
        notifySaved(actions.restoredText);
        changed();
      } else {
        if (!(await confirm({ title: t('common.trash'), message: trashQuestion, danger: true, confirmLabel: t('common.trash') }))) return;
        await call(`${actions.register}.trash`, { id: record.id });
        notifySaved(actions.trashedText);
        onClose();
        onChanged();
      }
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  /** Props of the record's main form, for a new record and for the one loaded. */
  const formProps = {
    onDirtyChange: setDirty,
    onCancel: () => void close(),
  };
  const newFormProps = {
    ...formProps,
    onSaved: (saved: { id: string }) => {
      markSaved();
      onChanged();
      onOpen({ kind: 'existing', id: saved.id });
    },
  };
  const editFormProps = {
    ...formProps,
    onSaved: () => {
      markSaved();
      changed();
    },
  };

  /** The record is gone for good: the panel closes and the register reloads. */
  const purged = () => {
    onClose();
    onChanged();
  };

  return { target, detail, refreshKey, close, changed, trashOrRestore, purged, newFormProps, editFormProps };
}

export type RecordPanelState<Detail> = ReturnType<typeof useRecordPanel<Detail>>;

/** The panel's React key: each record (and the "new" form) gets its own panel, with fresh state. */
export function panelKey(target: { kind: 'new' } | { kind: 'existing'; id: string } | null): string {
  return target ? (target.kind === 'new' ? 'new' : target.id) : 'closed';
}
