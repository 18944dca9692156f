/** A model opened in a side panel: tabs for general information, members, yearly evaluations, history. */
import { Alert, Badge, Button, Drawer, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ModelDetail, ModelStatus } from '../../../../shared/models';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { notifyError, notifySaved } from '../../components/notify';
import { useEscapeLayer } from '../../components/layers';
import { TrashButton, useDirtyGuard } from '../../components/record-panel';
import type { Nomination } from '../../../../shared/awards';
import { AwardHistory } from '../awards/NominationPanel';
import { printHref } from '../../print/PrintPage';
import { EvaluationsTab } from './EvaluationsTab';
import { AuditTrail, StatusChangeModal, StatusHistory } from '../../components/history';
import { MODEL_STATUSES } from '../../../../shared/models';
import { MembersTab } from './MembersTab';
import { ModelForm } from './ModelForm';

export type PanelTarget = { kind: 'new' } | { kind: 'existing'; id: string };

interface ModelPanelProps {
  target: PanelTarget | null;
  onClose: () => void;
  onChanged: (focusId?: string) => void;
  onOpen: (target: PanelTarget) => void;
}

export function ModelPanel({ target, onClose, onChanged, onOpen }: ModelPanelProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [detail, setDetail] = useState<ModelDetail | null>(null);
  const [tab, setTab] = useState<string | null>('general');
  const [statusOpen, setStatusOpen] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  const { setDirty, close, markSaved } = useDirtyGuard(onClose);
  useEscapeLayer(target !== null, () => void close());

  const load = useCallback(
    (id: string) =>
      call('models.get', { id }).then(
        (loaded) => {
          setDetail(loaded);
          setRefreshKey((key) => key + 1);
        },
        (error: unknown) => notifyError(error, t('common.error')),
      ),
    [t],
  );

  const targetId = target?.kind === 'existing' ? target.id : null;
  // The page gives each target its own panel instance (key), so state starts fresh per record.
  useEffect(() => {
    if (targetId) void load(targetId);
  }, [targetId, load]);

  const model = detail?.model ?? null;
  const trashed = Boolean(model?.deletedAt);
  const childChanged = () => {
    if (model) void load(model.id);
    onChanged(model?.id);
  };

  const trashOrRestore = async () => {
    if (!model) return;
    try {
      if (trashed) {
        await call('models.restore', { id: model.id });
        notifySaved(t('models.restoredDone'));
        void load(model.id);
      } else {
        if (!(await confirm({ title: t('common.trash'), message: t('models.trashConfirm', { name: model.name }), danger: true, confirmLabel: t('common.trash') }))) return;
        await call('models.trash', { id: model.id });
        notifySaved(t('models.trashedDone'));
        onClose();
      }
      onChanged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  const title = target?.kind === 'new' ? t('models.new') : (model?.name ?? t('common.loading'));

  return (
    <Drawer opened={target !== null} onClose={() => void close()} position="right" size={760} title={<Text fw={600} size="lg">{title}</Text>} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {target?.kind === 'new' && (
        <ModelForm
          model={null}
          onDirtyChange={setDirty}
          onCancel={() => void close()}
          onSaved={(saved) => {
            markSaved();
            onChanged(saved.id);
            onOpen({ kind: 'existing', id: saved.id });
          }}
        />
      )}
      {target?.kind === 'existing' && !detail && <Loader />}
      {target?.kind === 'existing' && detail && model && (
        <>
          <Group justify="space-between" mb="sm">
            <Group gap="xs">
              <Badge variant="light" tt="none">
                {model.typeName}
              </Badge>
              <Badge variant="outline" tt="none">{t(`status.${model.status}`)}</Badge>
            </Group>
            <Group gap="xs">
              <Button variant="default" size="xs" component="a" href={printHref('model', { id: model.id })}>
                {t('common.print')}
              </Button>
              {!trashed && (
                <Button variant="default" size="xs" onClick={() => setStatusOpen(true)}>
                  {t('history.changeStatus')}
                </Button>
              )}
              <TrashButton trashed={trashed} onClick={() => void trashOrRestore()} />
            </Group>
          </Group>
          {trashed && (
            <Alert color="orange" mb="sm">
              {t('models.inTrash')}
            </Alert>
          )}
          <Tabs value={tab} onChange={setTab}>
            <Tabs.List mb="md">
              <Tabs.Tab value="general">{t('tabs.general')}</Tabs.Tab>
              <Tabs.Tab value="members">
                {t('tabs.members')} ({detail.members.length})
              </Tabs.Tab>
              <Tabs.Tab value="evaluations">
                {t('tabs.evaluations')} ({detail.evaluations.length})
              </Tabs.Tab>
              <Tabs.Tab value="awards">{t('awards.awardsOfModel')}</Tabs.Tab>
              <Tabs.Tab value="history">{t('tabs.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="general">
              <ModelForm
                key={`${model.id}:${model.updatedAt}`}
                model={model}
                readOnly={trashed}
                onDirtyChange={setDirty}
                onCancel={() => void close()}
                onSaved={() => {
                  markSaved();
                  childChanged();
                }}
              />
            </Tabs.Panel>
            <Tabs.Panel value="members">
              <MembersTab modelId={model.id} members={detail.members} readOnly={trashed} onChanged={childChanged} />
            </Tabs.Panel>
            <Tabs.Panel value="evaluations">
              <EvaluationsTab modelId={model.id} evaluations={detail.evaluations} readOnly={trashed} onChanged={childChanged} />
            </Tabs.Panel>
            <Tabs.Panel value="awards">
              <ModelAwards modelId={model.id} refreshKey={refreshKey} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <Stack gap="md">
                <StatusHistory changes={detail.statusChanges} statusLabel={(status) => t(`status.${status}`)} />
                <AuditTrail related entity="model" entityId={model.id} refreshKey={refreshKey} />
              </Stack>
            </Tabs.Panel>
          </Tabs>
          {statusOpen && (
            <StatusChangeModal
              opened={statusOpen}
              current={model.status}
              statuses={MODEL_STATUSES}
              statusLabel={(status) => t(`status.${status}`)}
              save={(values) => call('models.changeStatus', { ...values, id: model.id, status: values.status as ModelStatus })}
              onClose={() => setStatusOpen(false)}
              onChanged={childChanged}
            />
          )}
        </>
      )}
    </Drawer>
  );
}

/** The model's awards and its members' awards, across rounds (linked nominations). */
function ModelAwards({ modelId, refreshKey }: { modelId: string; refreshKey: number }) {
  const [nominations, setNominations] = useState<Nomination[]>([]);
  useEffect(() => {
    call('nominations.nomineeHistory', { modelId }).then(setNominations, () => setNominations([]));
  }, [modelId, refreshKey]);
  return <AwardHistory nominations={nominations} />;
}
