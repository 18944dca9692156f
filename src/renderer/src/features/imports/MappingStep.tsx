/** Step 2, "Ghép cột": which field each column of the file goes into, as found or remembered, changeable. */
import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft, IconInfoCircle, IconListCheck } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, columnLetters, type ImportLayout, type ImportRegister, type ResolvedMapping } from '../../../../shared/imports';
import { StepHeading } from './StepHeading';
import { fieldLabel, repeatedFields } from './wizard';

// A Select needs a value for "not imported"; no field has this key.
const NOT_IMPORTED = '-';

interface MappingStepProps {
  register: ImportRegister;
  fileName: string;
  sheet: string;
  layout: ImportLayout;
  mapping: ResolvedMapping;
  onMappingChange: (mapping: ResolvedMapping) => void;
  onBack: () => void;
  onCheck: () => void;
}

export function MappingStep({ register, fileName, sheet, layout, mapping, onMappingChange, onBack, onCheck }: MappingStepProps) {
  const { t } = useTranslation();
  const options = useMemo(
    () => [{ value: NOT_IMPORTED, label: t('imports.notImported') }, ...IMPORT_FIELDS[register].map((field) => ({ value: field.key, label: fieldLabel(register, field.key) }))],
    [register, t],
  );
  const repeated = repeatedFields(mapping);

  const choose = (column: number, value: string | null) => onMappingChange({ ...mapping, [column]: value === NOT_IMPORTED ? null : value });

  return (
    <Stack gap="md">
      <StepHeading>{t('imports.steps.map')}</StepHeading>
      <Text size="sm">
        {t('imports.fileAndSheet', { file: fileName, sheet })} · <strong>{t('imports.headerRow', { row: layout.headerRow })}</strong>, {t('imports.dataStart', { row: layout.dataStartRow })}
      </Text>
      {layout.remembered && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} py="xs">
          {t('imports.remembered')}
        </Alert>
      )}
      {layout.headerEncoding && (
        <Alert color="blue" icon={<IconInfoCircle size={18} />} py="xs">
          {t('imports.legacyHeader', { encoding: layout.headerEncoding })}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('imports.mapHint')}
      </Text>
      {repeated.size > 0 && (
        <Alert color="red" role="alert" py="xs">
          {t('imports.repeatedFields')}
        </Alert>
      )}
      <Table striped withTableBorder maw={1100} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>{t('imports.column')}</Table.Th>
            <Table.Th>{t('imports.fileHeader')}</Table.Th>
            <Table.Th>{t('imports.samples')}</Table.Th>
            <Table.Th w={340}>{t('imports.field')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {layout.labels.map((label, column) => {
            const key = mapping[column] ?? null;
            const firstColumn = repeated.get(column);
            return (
              <Table.Tr key={column}>
                <Table.Td fw={600}>{columnLetters(column)}</Table.Td>
                <Table.Td>{label || <Text span c="dimmed">{t('imports.blankHeader')}</Text>}</Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed" data-testid={`samples-${columnLetters(column)}`}>
                    {layout.samples[column]?.join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('imports.fieldOfColumn', { column: columnLetters(column), label: label || t('imports.blankHeader') })}
                    data={options}
                    value={key ?? NOT_IMPORTED}
                    onChange={(value) => choose(column, value)}
                    allowDeselect={false}
                    searchable
                    error={firstColumn ? t('imports.repeatedField', { field: fieldLabel(register, key ?? ''), column: firstColumn }) : undefined}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
          {t('imports.back')}
        </Button>
        <Button leftSection={<IconListCheck size={16} />} onClick={onCheck} disabled={repeated.size > 0}>
          {t('imports.check')}
        </Button>
      </Group>
    </Stack>
  );
}
