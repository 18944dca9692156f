/** Step 1, "Chọn tệp": the register to import into, the workbook, and its sheet. */
import { Button, FileInput, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconFileSpreadsheet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { IMPORT_REGISTERS, type ImportOpened, type ImportRegister } from '../../../../shared/imports';
import { formatNumber } from '../../../../shared/text';
import { StepHeading } from './StepHeading';

interface ChooseFileStepProps {
  register: ImportRegister;
  onRegisterChange: (register: ImportRegister) => void;
  /** The file chosen in a browser (Electron opens a path from its own dialog). */
  file: File | null;
  onFileChange: (file: File | null) => void;
  onPickFile: () => void;
  session: ImportOpened | null;
  sheet: string | null;
  onSheetChange: (sheet: string | null) => void;
  opening: boolean;
  inspecting: boolean;
  onNext: () => void;
}

export function ChooseFileStep(props: ChooseFileStepProps) {
  const { t } = useTranslation();
  const { register, session, sheet, opening, inspecting } = props;
  const electron = Boolean(window.api?.pickImportFile);

  return (
    <Stack gap="md" maw={640}>
      <StepHeading>{t('imports.steps.choose')}</StepHeading>
      <Text size="sm">{t('imports.intro')}</Text>
      <Stack gap={4}>
        <Text size="sm" fw={500} id="import-register-label">
          {t('imports.register')}
        </Text>
        <SegmentedControl
          aria-labelledby="import-register-label"
          value={register}
          onChange={(value) => props.onRegisterChange(value as ImportRegister)}
          data={IMPORT_REGISTERS.map((value) => ({ value, label: t(`imports.registers.${value}`) }))}
        />
      </Stack>
      {electron ? (
        <Group gap="sm">
          <Button variant="default" leftSection={<IconFileSpreadsheet size={16} />} onClick={props.onPickFile} loading={opening}>
            {t('imports.pickFile')}
          </Button>
          {session && <Text size="sm">{t('imports.fileChosen', { name: session.fileName })}</Text>}
        </Group>
      ) : (
        <FileInput
          label={t('imports.file')}
          placeholder={t('imports.filePlaceholder')}
          accept=".xlsx,.xls,.ods,.fods,.csv"
          clearable
          value={props.file}
          onChange={props.onFileChange}
          leftSection={<IconFileSpreadsheet size={16} />}
          disabled={opening}
        />
      )}
      {opening && (
        <Text size="sm" c="dimmed" role="status">
          {t('imports.opening')}
        </Text>
      )}
      {session && (
        <Select
          label={t('imports.sheet')}
          data={session.sheets.map((candidate) => ({ value: candidate.name, label: t('imports.sheetOption', { name: candidate.name, rows: formatNumber(candidate.rows) }) }))}
          value={sheet}
          onChange={props.onSheetChange}
          allowDeselect={false}
        />
      )}
      <Group>
        <Button rightSection={<IconArrowRight size={16} />} onClick={props.onNext} disabled={!session || !sheet || opening} loading={inspecting}>
          {t('imports.next')}
        </Button>
      </Group>
    </Stack>
  );
}
