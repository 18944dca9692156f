/**
 * The round's danh sách đề nghị khen thưởng as it will be printed: collectives and individuals in
 * separate numbered tables (STT, name, unit/address, achievement, form of award).
 */
import { Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Nomination, RoundList } from '../../../../shared/awards';
import { call } from '../../api/client';

function ListTable({ title, rows, individuals }: { title: string; rows: Nomination[]; individuals: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={5}>{title}</Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t('awards.listEmpty')}</Text>
      ) : (
        <Table withTableBorder withColumnBorders aria-label={title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={50} ta="center">
                {t('awards.stt')}
              </Table.Th>
              <Table.Th>{t('awards.listName')}</Table.Th>
              <Table.Th>{t('awards.listUnit')}</Table.Th>
              <Table.Th>{t('awards.achievement')}</Table.Th>
              <Table.Th>{t('awards.form')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => (
              <Table.Tr key={row.id}>
                <Table.Td ta="center">{index + 1}</Table.Td>
                <Table.Td>
                  {row.nomineeName}
                  {individuals && row.birthYear ? `, ${row.birthYear}` : ''}
                  {individuals && row.position ? <Text size="sm">{row.position}</Text> : null}
                </Table.Td>
                <Table.Td>{row.unit}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-line' }}>{row.achievement}</Table.Td>
                <Table.Td>{row.formName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}

export function RoundListView({ roundId, version }: { roundId: string; version: number }) {
  const { t } = useTranslation();
  const [list, setList] = useState<RoundList | null>(null);
  useEffect(() => {
    call('rounds.list', { id: roundId }).then(setList, () => setList(null));
  }, [roundId, version]);
  if (!list) return null;
  return (
    <Stack gap="sm" data-testid="round-list">
      <Title order={4} ta="center">
        {t('awards.listTitle')}
      </Title>
      <Text ta="center" fs="italic">
        {list.round.occasion ?? list.round.name}
      </Text>
      <ListTable title={`${t('awards.listCollectives')} (${list.collectives.length})`} rows={list.collectives} individuals={false} />
      <ListTable title={`${t('awards.listIndividuals')} (${list.individuals.length})`} rows={list.individuals} individuals />
    </Stack>
  );
}
