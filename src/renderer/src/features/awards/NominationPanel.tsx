/** A nomination in a side panel: the form, the workflow (with the decision), its history, the nominee's awards across rounds. */
import { Alert, Badge, Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEXT_STATUSES } from '../../../../shared/awards';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../api/client';
import { RecordHistory } from '../../components/history';
import { TrashButton } from '../../components/record-panel';
import { RecordDrawer } from '../../components/RecordDrawer';
import { RecordHeader } from '../../components/RecordHeader';
import { RecordTabs } from '../../components/RecordTabs';
import { useRecordPanel, type RecordPanelProps } from '../../components/useRecordPanel';
import { NomineeAwards } from './AwardHistory';
import { NominationForm } from './NominationForm';
import { NominationStatusModal } from './NominationStatusModal';

export type NominationTarget = { kind: 'new'; roundId: string } | { kind: 'existing'; id: string };

export const STATUS_COLORS = { du_thao: 'gray', da_trinh: 'blue', duoc_duyet: 'teal', khong_duyet: 'red', da_trao: 'green' } as const;

const getNomination = (id: string) => call('nominations.get', { id });

export function NominationPanel({ target, roundClosed, onClose, onChanged, onOpen }: RecordPanelProps<NominationTarget> & { roundClosed: boolean }) {
  const { t } = useTranslation();
  const [statusOpen, setStatusOpen] = useState(false);
  const panel = useRecordPanel({ target, get: getNomination, onClose, onChanged, onOpen });

  return (
    <RecordDrawer
      panel={panel}
      size={780}
      newTitle={t('awards.newNomination')}
      recordTitle={(detail) => detail.nomination.nomineeName}
      newForm={target?.kind === 'new' && <NominationForm roundId={target.roundId} nomination={null} readOnly={false} {...panel.newFormProps} />}
    >
      {(detail) => {
        const { nomination } = detail;
        const frozen = roundClosed || nomination.roundStatus === 'closed';
        const trashed = Boolean(nomination.deletedAt);
        return (
          <>
            <RecordHeader
              badges={
                <>
                  <Badge variant="light" tt="none">
                    {t(`kind.${nomination.kind}`)} · {nomination.formName}
                  </Badge>
                  <Badge color={STATUS_COLORS[nomination.status]} tt="none" data-testid="nomination-status">
                    {t(`nominationStatus.${nomination.status}`)}
                  </Badge>
                  {nomination.decisionNumber && (
                    <Text size="sm">
                      QĐ số {nomination.decisionNumber} ngày {formatDate(nomination.decisionDate)}
                    </Text>
                  )}
                </>
              }
              actions={
                !frozen && (
                  <>
                    {!trashed && NEXT_STATUSES[nomination.status].length > 0 && (
                      <Button size="xs" onClick={() => setStatusOpen(true)}>
                        {t('awards.changeStatus')}
                      </Button>
                    )}
                    <TrashButton
                      trashed={trashed}
                      onClick={() =>
                        void panel.trashOrRestore(nomination, t('awards.trashConfirm', { name: nomination.nomineeName }), { register: 'nominations', trashedText: t('common.saved'), restoredText: t('common.saved') })
                      }
                    />
                  </>
                )
              }
            />
            {frozen && (
              <Alert color="gray" mb="sm">
                {t('awards.closedNotice')}
              </Alert>
            )}
            <RecordTabs
              tabs={[
                {
                  value: 'general',
                  label: t('tabs.general'),
                  content: (
                    <NominationForm
                      key={`${nomination.id}:${nomination.updatedAt}`}
                      roundId={nomination.roundId}
                      nomination={nomination}
                      readOnly={frozen || trashed}
                      {...panel.editFormProps}
                    />
                  ),
                },
                {
                  value: 'history',
                  label: t('tabs.history'),
                  content: (
                    <RecordHistory
                      changes={detail.statusChanges}
                      statusLabel={(status) => t(`nominationStatus.${status}`)}
                      labels={{ status: t('awards.status'), reason: t('awards.note'), decision: t('awards.decision') }}
                      entity="nomination"
                      entityId={nomination.id}
                      refreshKey={panel.refreshKey}
                    />
                  ),
                },
                {
                  value: 'awards',
                  label: t('awards.nomineeHistory'),
                  content: (
                    <NomineeAwards
                      modelId={nomination.modelId}
                      memberId={nomination.memberId}
                      kind={nomination.kind}
                      nomineeName={nomination.nomineeName}
                      birthYear={nomination.birthYear}
                      refreshKey={panel.refreshKey}
                    />
                  ),
                },
              ]}
            />
            {statusOpen && <NominationStatusModal nomination={nomination} onClose={() => setStatusOpen(false)} onChanged={panel.changed} />}
          </>
        );
      }}
    </RecordDrawer>
  );
}
