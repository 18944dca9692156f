/** "Đổi tình trạng" on a record, and the dialog it opens. */
import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusChangeModal, type StatusChangeModalProps } from './history';

export function ChangeStatusButton(props: Omit<StatusChangeModalProps, 'opened' | 'onClose'>) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpened(true)}>
        {t('history.changeStatus')}
      </Button>
      {opened && <StatusChangeModal {...props} opened onClose={() => setOpened(false)} />}
    </>
  );
}
