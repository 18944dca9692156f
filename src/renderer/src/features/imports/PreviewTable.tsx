/** The preview's rows: what will happen to each, its main values, its problems, and the officer's choices. */
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportDecisions, ImportRegister, PreviewRow } from '../../../../shared/imports';
import { ACTION_COLORS, ROW_FIELDS, displayValue, fieldLabel } from './wizard';

interface PreviewTableProps {
  register: ImportRegister;
  rows: PreviewRow[];
  decisions: ImportDecisions;
  /** Whether a row has a problem in a column the officer can fix. */
  canFix: (row: PreviewRow) => boolean;
  onToggleSkip: (row: PreviewRow) => void;
  onToggleSame: (row: PreviewRow) => void;
  /** Rows imported without their invalid ID number. */
  withoutId: number[];
  onToggleWithoutId: (row: PreviewRow) => void;
  onFix: (row: PreviewRow) => void;
}

function RowValues({ register, row }: { register: ImportRegister; row: PreviewRow }) {
  const { t } = useTranslation();
  const [titleField, ...otherFields] = ROW_FIELDS[register];
  const details = otherFields.filter((key) => row.values[key]).map((key) => `${fieldLabel(register, key)}: ${displayValue(register, key, row.values[key] ?? '')}`);
  const showsMatch = row.matchName && (row.action === 'update' || row.action === 'same');
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm">
        {row.values[titleField ?? ''] || '—'}
      </Text>
      {details.length > 0 && <Text size="sm">{details.join(' · ')}</Text>}
      {showsMatch && (
        <Text size="sm" c="dimmed">
          {t('imports.existing', { name: row.matchName })}
        </Text>
      )}
      {row.problems.map((problem) => (
        <Text key={`p-${problem.field}-${problem.message}`} size="sm" c="red.8">
          {problem.message}
        </Text>
      ))}
      {row.warnings.map((warning) => (
        <Text key={`w-${warning.field}-${warning.message}`} size="sm" c="orange.9">
          {warning.message}
        </Text>
      ))}
    </Stack>
  );
}

/** A button of one row, named with the row for screen readers: "Bỏ qua dòng 9". */
function RowButton({ row, label, onClick, ...style }: { row: PreviewRow; label: string; onClick: () => void; variant: string; color?: string }) {
  const { t } = useTranslation();
  return (
    <Button size="compact-sm" onClick={onClick} aria-label={t('imports.onRow', { action: label, row: row.rowNumber })} {...style}>
      {label}
    </Button>
  );
}

type RowButtonsProps = Pick<PreviewTableProps, 'onToggleSkip' | 'onToggleSame' | 'onToggleWithoutId' | 'onFix'> & { row: PreviewRow; same: boolean; withoutId: boolean; canFix: boolean };

function RowButtons({ row, same, withoutId, canFix, onToggleSkip, onToggleSame, onToggleWithoutId, onFix }: RowButtonsProps) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      {row.action === 'error' && canFix && <RowButton row={row} label={t('imports.fix')} variant="light" onClick={() => onFix(row)} />}
      {row.action === 'error' && row.invalidId && <RowButton row={row} label={t('imports.withoutId')} variant="light" color="grape" onClick={() => onToggleWithoutId(row)} />}
      {withoutId && row.action !== 'error' && row.action !== 'skip' && <RowButton row={row} label={t('imports.withId')} variant="subtle" color="grape" onClick={() => onToggleWithoutId(row)} />}
      {row.action === 'check' && row.canBeSame && <RowButton row={row} label={t('imports.same')} variant="light" color="blue" onClick={() => onToggleSame(row)} />}
      {same && row.action === 'update' && <RowButton row={row} label={t('imports.unsame')} variant="subtle" color="blue" onClick={() => onToggleSame(row)} />}
      {row.action !== 'same' && <RowButton row={row} label={t(row.action === 'skip' ? 'imports.unskip' : 'imports.skip')} variant="default" onClick={() => onToggleSkip(row)} />}
    </Group>
  );
}

export function PreviewTable({ register, rows, decisions, canFix, withoutId, ...handlers }: PreviewTableProps) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder verticalSpacing={6} stickyHeader data-testid="import-preview-rows">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={64}>{t('imports.row')}</Table.Th>
          <Table.Th w={190}>{t('imports.result')}</Table.Th>
          <Table.Th>{t('imports.content')}</Table.Th>
          <Table.Th w={1}>{t('common.actions')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const isSame = decisions.sameAs.includes(row.rowNumber);
          return (
            <Table.Tr key={row.rowNumber}>
              <Table.Td>{row.rowNumber}</Table.Td>
              <Table.Td>
                <Badge color={ACTION_COLORS[row.action]} variant="light" tt="none" style={{ whiteSpace: 'normal', height: 'auto' }}>
                  {t(`imports.actions.${row.action}`)}
                </Badge>
                {isSame && row.action === 'update' && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t('imports.sameNote')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <RowValues register={register} row={row} />
              </Table.Td>
              <Table.Td>
                <RowButtons row={row} same={isSame} withoutId={withoutId.includes(row.rowNumber)} canFix={canFix(row)} {...handlers} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
