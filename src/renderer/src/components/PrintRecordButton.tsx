/** "In" on a record: opens its printable sheet. */
import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function PrintRecordButton({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="default" size="xs" component="a" href={href}>
      {t('common.print')}
    </Button>
  );
}
