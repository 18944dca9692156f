/**
 * "Xuất Excel": the list as the officer sees it (filter, sort, shown columns) to .xlsx or CSV. In
 * Electron a save dialog picks the file; in a browser the web host offers it as a download.
 */
import { Button, Menu, Text } from '@mantine/core';
import { IconChevronDown, IconFileSpreadsheet } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { fileTarget } from '../../../shared/common';
import { allColumnKeys, AUDIT_DOCUMENT, EXPORT_COLUMNS, EXPORT_DOCUMENTS, type auditExportInput, type ExportedFile, type ExportFormat, type ExportInput } from '../../../shared/exports';
import { formatNumber } from '../../../shared/text';
import { call } from '../api/client';
import type { GridView } from './DataGrid';
import { download } from './files';
import { notifyError, notifySaved } from './notify';

/** Grid column ids that are named differently in the export, or are two columns there. */
const EXPORT_KEYS_OF: Record<string, string[]> = { rosterName: ['fullName'], memberCount: ['memberCount', 'declaredMemberCount'] };

/** The export's columns from what the grid shows, in its order, after the STT column (undefined: the default columns). */
export function exportColumns(register: 'models' | 'subjects', view: GridView | null): string[] | undefined {
  if (!view) return undefined;
  const known = new Set<string>(EXPORT_COLUMNS[register].map((column) => column.key));
  const keys = view.columns.flatMap((colId) => EXPORT_KEYS_OF[colId] ?? [colId]).filter((key) => known.has(key) && key !== 'stt');
  return ['stt', ...new Set(keys)];
}

/** What a method that writes a file answers: the rows it wrote, when it is a list. */
type DeliveredFile = Omit<ExportedFile, 'rows'> & { rows?: number };

/** Delivers what an export method writes: in Electron to the file a save dialog picks, in a browser as a download. */
export function useExportDelivery() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const deliver = async (fileName: string, exportTo: (target: z.input<typeof fileTarget>) => Promise<DeliveredFile>) => {
    setBusy(true);
    try {
      if (window.api?.pickExportFile) {
        const path = await window.api.pickExportFile(fileName);
        if (!path) return;
        const result = await exportTo({ path });
        notifySaved(result.rows === undefined ? t('export.fileSaved', { path }) : t('export.saved', { rows: formatNumber(result.rows), path }));
      } else {
        const result = await exportTo('download');
        if (result.downloadUrl) download(result.downloadUrl);
        notifySaved(result.rows === undefined ? t('export.fileDownloaded', { file: result.fileName }) : t('export.downloaded', { rows: formatNumber(result.rows), file: result.fileName }));
      }
    } catch (error) {
      notifyError(error, t('export.failed'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, deliver };
}

/** The "Xuất Excel" button and its menu of formats. */
function ExportMenuFrame({ busy, children }: { busy: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" loading={busy} leftSection={<IconFileSpreadsheet size={16} />} rightSection={<IconChevronDown size={14} />}>
          {t('common.exportExcel')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  );
}

/** "Xuất Excel" of the audit log as the Nhật ký page filters it (administrators). */
export function AuditExportMenu({ filter }: { filter: z.input<typeof auditExportInput>['filter'] }) {
  const { t } = useTranslation();
  const { busy, deliver } = useExportDelivery();
  const exportAs = (format: ExportFormat) => void deliver(`${AUDIT_DOCUMENT.fileStem}.${format}`, (target) => call('audit.export', { filter, format, target }));
  return (
    <ExportMenuFrame busy={busy}>
      <Menu.Item onClick={() => exportAs('xlsx')}>{t('export.xlsx')}</Menu.Item>
      <Menu.Item onClick={() => exportAs('csv')}>{t('export.csv')}</Menu.Item>
    </ExportMenuFrame>
  );
}

export function ExportMenu({ build }: { build: (format: ExportFormat) => ExportInput }) {
  const { t } = useTranslation();
  const { busy, deliver } = useExportDelivery();

  const register = build('xlsx').register;
  const canExportAll = register === 'models' || register === 'subjects';

  const exportAs = async (format: ExportFormat, allColumns = false) => {
    const built = build(format);
    const input = allColumns && (built.register === 'models' || built.register === 'subjects') ? { ...built, columns: allColumnKeys(built.register) } : built;
    await deliver(`${EXPORT_DOCUMENTS[input.register].fileStem}.${format}`, (target) => call('exports.file', { export: input, target }));
  };

  return (
    <ExportMenuFrame busy={busy}>
      <Menu.Item onClick={() => void exportAs('xlsx')}>{t('export.xlsx')}</Menu.Item>
      {canExportAll && (
        <Menu.Item onClick={() => void exportAs('xlsx', true)} maw={360}>
          {t('export.xlsxAll')}
          <Text size="xs" c="dimmed">
            {t('export.xlsxAllHint')}
          </Text>
        </Menu.Item>
      )}
      <Menu.Item onClick={() => void exportAs('csv')} maw={360}>
        {t('export.csv')}
        <Text size="xs" c="dimmed">
          {t('export.csvHint')}
        </Text>
      </Menu.Item>
    </ExportMenuFrame>
  );
}
