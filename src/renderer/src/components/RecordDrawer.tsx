/** A record's side panel: the "new" form, or the loaded record (a spinner until it has come). */
import { Drawer, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordPanelState } from './useRecordPanel';

interface RecordDrawerProps<Detail> {
  panel: RecordPanelState<Detail>;
  size: number;
  newTitle: string;
  /** The drawer's title once the record has loaded. */
  recordTitle: (detail: Detail) => string;
  newForm: ReactNode;
  children: (detail: Detail) => ReactNode;
}

export function RecordDrawer<Detail>({ panel, size, newTitle, recordTitle, newForm, children }: RecordDrawerProps<Detail>) {
  const { t } = useTranslation();
  const { target, detail } = panel;
  const title = target?.kind === 'new' ? newTitle : detail ? recordTitle(detail) : t('common.loading');
  return (
    <Drawer opened={target !== null} onClose={() => void panel.close()} position="right" size={size} title={<Text fw={600} size="lg">{title}</Text>} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {target?.kind === 'new' && newForm}
      {target?.kind === 'existing' && (detail ? children(detail) : <Loader />)}
    </Drawer>
  );
}
