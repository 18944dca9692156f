/** A register's title row: the switch to its Trash, print, export, import from Excel, and "Thêm". */
import { ActionIcon, Button, Group, SegmentedControl, Title, Tooltip } from '@mantine/core';
import { IconFileImport, IconPlus, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, ExportInput } from '../../../shared/exports';
import { ExportMenu } from './ExportMenu';

interface RegisterToolbarProps {
  title: string;
  /** The live register's name on the switch (the other side is the Trash). */
  liveLabel: string;
  trashed: boolean;
  onTrashedChange: (trashed: boolean) => void;
  /** The list as the grid shows it, printed. */
  printHref: string;
  exportInput: (format: ExportFormat) => ExportInput;
  importHref: string;
  onAdd: () => void;
}

export function RegisterToolbar({ title, liveLabel, trashed, onTrashedChange, printHref, exportInput, importHref, onAdd }: RegisterToolbarProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" wrap="nowrap">
      <Title order={2}>{title}</Title>
      <Group gap="xs">
        <SegmentedControl
          value={trashed ? 'trash' : 'live'}
          onChange={(value) => onTrashedChange(value === 'trash')}
          data={[
            { value: 'live', label: liveLabel },
            { value: 'trash', label: t('common.trashBin') },
          ]}
          aria-label={t('common.trashBin')}
        />
        <Button variant="default" leftSection={<IconPrinter size={16} />} component="a" href={printHref}>
          {t('common.print')}
        </Button>
        <ExportMenu build={exportInput} />
        <Tooltip label={t('common.importExcel')}>
          <ActionIcon variant="default" size="input-sm" component="a" href={importHref} aria-label={t('common.importExcel')}>
            <IconFileImport size={18} />
          </ActionIcon>
        </Tooltip>
        <Button leftSection={<IconPlus size={16} />} onClick={onAdd} disabled={trashed}>
          {t('common.add')}
        </Button>
      </Group>
    </Group>
  );
}
