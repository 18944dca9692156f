/** The row above a record's tabs: what kind of record it is and its state on the left, its actions on the right. */
import { Group } from '@mantine/core';
import type { ReactNode } from 'react';

export function RecordHeader({ badges, actions }: { badges: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" mb="sm">
      <Group gap="xs">{badges}</Group>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
