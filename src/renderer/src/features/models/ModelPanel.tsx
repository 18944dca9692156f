/** A model opened in a side panel: tabs for general information, members, yearly evaluations, history. */
import { Alert, Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MODEL_STATUSES, type ModelStatus } from '../../../../shared/models';
import { call } from '../../api/client';
import { ChangeStatusButton } from '../../components/ChangeStatusButton';
import { RecordHistory } from '../../components/history';
import { PrintRecordButton } from '../../components/PrintRecordButton';
import { TrashButton } from '../../components/record-panel';
import { RecordDrawer } from '../../components/RecordDrawer';
import { RecordHeader } from '../../components/RecordHeader';
import { RecordTabs } from '../../components/RecordTabs';
import { useRecordPanel, type RecordPanelProps } from '../../components/useRecordPanel';
import { NomineeAwards } from '../awards/AwardHistory';
import { printHref } from '../../print/PrintPage';
import { EvaluationsTab } from './EvaluationsTab';
import { ModelTips } from '../activities/ModelTips';
import { MembersTab } from './MembersTab';
import { ModelForm } from './ModelForm';

const getModel = (id: string) => call('models.get', { id });

export function ModelPanel({ target, onClose, onChanged, onOpen }: RecordPanelProps) {
  const { t } = useTranslation();
  const panel = useRecordPanel({ target, get: getModel, onClose, onChanged, onOpen });
  const statusLabel = (status: string) => t(`status.${status}`);

  return (
    <RecordDrawer
      panel={panel}
      size={760}
      newTitle={t('models.new')}
      recordTitle={(detail) => detail.model.name}
      newForm={<ModelForm model={null} {...panel.newFormProps} />}
    >
      {(detail) => {
        const { model } = detail;
        const trashed = Boolean(model.deletedAt);
        return (
          <>
            <RecordHeader
              badges={
                <>
                  <Badge variant="light" tt="none">
                    {model.typeName}
                  </Badge>
                  <Badge variant="outline" tt="none">{statusLabel(model.status)}</Badge>
                </>
              }
              actions={
                <>
                  <PrintRecordButton href={printHref('model', { id: model.id })} />
                  {!trashed && (
                    <ChangeStatusButton
                      current={model.status}
                      statuses={MODEL_STATUSES}
                      statusLabel={statusLabel}
                      save={(values) => call('models.changeStatus', { ...values, id: model.id, status: values.status as ModelStatus })}
                      onChanged={panel.changed}
                    />
                  )}
                  <TrashButton
                    trashed={trashed}
                    onClick={() =>
                      void panel.trashOrRestore(model, t('models.trashConfirm', { name: model.name }), { register: 'models', trashedText: t('models.trashedDone'), restoredText: t('models.restoredDone') })
                    }
                  />
                </>
              }
            />
            {trashed && (
              <Alert color="orange" mb="sm">
                {t('models.inTrash')}
              </Alert>
            )}
            <RecordTabs
              tabs={[
                {
                  value: 'general',
                  label: t('tabs.general'),
                  content: <ModelForm key={`${model.id}:${model.updatedAt}`} model={model} readOnly={trashed} {...panel.editFormProps} />,
                },
                {
                  value: 'members',
                  label: `${t('tabs.members')} (${detail.members.length})`,
                  content: <MembersTab parentId={model.id} rows={detail.members} readOnly={trashed} onChanged={panel.changed} />,
                },
                {
                  value: 'evaluations',
                  label: `${t('tabs.evaluations')} (${detail.evaluations.length})`,
                  content: <EvaluationsTab parentId={model.id} rows={detail.evaluations} readOnly={trashed} onChanged={panel.changed} />,
                },
                { value: 'awards', label: t('awards.awardsOfModel'), content: <NomineeAwards modelId={model.id} refreshKey={panel.refreshKey} /> },
                { value: 'tips', label: t('tips.ofModel'), content: <ModelTips modelId={model.id} refreshKey={panel.refreshKey} /> },
                {
                  value: 'history',
                  label: t('tabs.history'),
                  content: <RecordHistory related changes={detail.statusChanges} statusLabel={statusLabel} entity="model" entityId={model.id} refreshKey={panel.refreshKey} />,
                },
              ]}
            />
          </>
        );
      }}
    </RecordDrawer>
  );
}
