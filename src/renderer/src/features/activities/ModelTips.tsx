/** A model's tab "Tin báo": the tips that came through it, by year, with how many were of value and led to a case. */
import { Badge, Group, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TipList, TipRow } from '../../../../shared/activities';
import { formatDate } from '../../../../shared/dates';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';

/** Whether a tip was of value and led to a case, as two badges (the case's reference on hover). */
export function TipOutcome({ tip }: { tip: Pick<TipRow, 'valuable' | 'caseHandled' | 'caseReference'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {tip.valuable && (
        <Badge variant="light" color="teal" tt="none">
          {t('tips.valuableShort')}
        </Badge>
      )}
      {tip.caseHandled && (
        <Badge variant="light" color="blue" tt="none" title={tip.caseReference ?? undefined}>
          {t('tips.caseShort')}
        </Badge>
      )}
    </Group>
  );
}

export function ModelTips({ modelId, refreshKey }: { modelId: string; refreshKey: number }) {
  const { t } = useTranslation();
  const [list, setList] = useState<TipList | null>(null);
  useEffect(() => {
    let live = true;
    call('tips.list', { modelId, offset: 0, limit: 1000 }).then(
      (page) => live && setList(page),
      () => live && setList(null),
    );
    return () => {
      live = false;
    };
  }, [modelId, refreshKey]);
  if (!list) return null;
  return (
    <>
      <Text size="sm" mb="xs" data-testid="model-tips-counts">
        {t('tips.counts', { tips: formatNumber(list.counts.tips), valuable: formatNumber(list.counts.valuable), cases: formatNumber(list.counts.cases) })}
      </Text>
      {list.rows.length > 0 && (
        <Table striped aria-label={t('tips.title')} verticalSpacing={4}>
          <Table.Tbody>
            {list.rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td w={110}>{formatDate(row.receivedOn)}</Table.Td>
                <Table.Td>{row.summary}</Table.Td>
                <Table.Td w={220}>
                  <TipOutcome tip={row} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
