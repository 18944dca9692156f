/** The awards of a nominee across rounds (shown on the nomination and on the model's page). */
import { Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Nomination } from '../../../../shared/awards';
import { formatDate } from '../../../../shared/dates';
import { call } from '../../api/client';

function AwardHistory({ nominations }: { nominations: Nomination[] }) {
  const { t } = useTranslation();
  if (nominations.length === 0) return <Text c="dimmed">{t('awards.noHistory')}</Text>;
  return (
    <Table striped aria-label={t('awards.nomineeHistory')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('awards.round')}</Table.Th>
          <Table.Th>{t('awards.nomineeName')}</Table.Th>
          <Table.Th>{t('awards.form')}</Table.Th>
          <Table.Th>{t('awards.status')}</Table.Th>
          <Table.Th>{t('awards.decision')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {nominations.map((nomination) => (
          <Table.Tr key={nomination.id}>
            <Table.Td>{nomination.roundName}</Table.Td>
            <Table.Td>{nomination.nomineeName}</Table.Td>
            <Table.Td>{nomination.formName}</Table.Td>
            <Table.Td>{t(`nominationStatus.${nomination.status}`)}</Table.Td>
            <Table.Td>{nomination.decisionNumber ? `${nomination.decisionNumber}, ${formatDate(nomination.decisionDate)}` : ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The nominee's awards, fetched again whenever `refreshKey` changes (the record around it reloaded).
 * A model is found by its id; a person by the listed member, or by name and birth year when typed.
 */
export function NomineeAwards({ modelId, memberId, kind, nomineeName, birthYear, refreshKey }: Partial<Pick<Nomination, 'memberId' | 'kind' | 'nomineeName' | 'birthYear'>> & { modelId: string | null; refreshKey: number }) {
  const [nominations, setNominations] = useState<Nomination[]>([]);
  useEffect(() => {
    call('nominations.nomineeHistory', modelId ? { modelId } : { memberId, kind, nomineeName, birthYear }).then(setNominations, () => setNominations([]));
  }, [modelId, memberId, kind, nomineeName, birthYear, refreshKey]);
  return <AwardHistory nominations={nominations} />;
}
