/** "Đang hiển thị 12 / 40 mô hình": how many rows the filter leaves, of the register's total. */
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/text';

interface ShownCountProps {
  shown: number;
  total: number;
  unit: string;
  testId: string;
  /** Read out by a screen reader whenever it changes (the count is the answer to typing in the search). */
  announce?: boolean;
}

export function ShownCount({ shown, total, unit, testId, announce = false }: ShownCountProps) {
  const { t } = useTranslation();
  return (
    <Text fw={600} aria-live={announce ? 'polite' : undefined} data-testid={testId}>
      {t('common.showing', { shown: formatNumber(shown), total: formatNumber(total), what: unit })}
    </Text>
  );
}
