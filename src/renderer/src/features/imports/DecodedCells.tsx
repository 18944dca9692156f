/**
 * The preview's list of cells typed with an old Vietnamese font (TCVN3, VNI) and converted to Unicode:
 * each with its row, column, what the file holds and what will be imported, and a choice to keep the
 * cell as written. Paged like the rows; keeping a cell checks the rows again.
 */
import { Checkbox, Group, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { columnLetters, type ImportKeptCell, type ImportPreview, type ImportRegister } from '../../../../shared/imports';
import { formatNumber } from '../../../../shared/text';
import { fieldLabel } from './wizard';

export const DECODED_PAGE_SIZE = 20;

interface DecodedCellsProps {
  register: ImportRegister;
  decoded: ImportPreview['decoded'];
  /** The header's label of each column. */
  labels: string[];
  page: number;
  onPageChange: (page: number) => void;
  keepOriginal: ImportKeptCell[];
  onKeepOriginalChange: (cells: ImportKeptCell[]) => void;
}

const sameCell = (a: ImportKeptCell, b: ImportKeptCell) => a.rowNumber === b.rowNumber && a.column === b.column;

export function DecodedCells({ register, decoded, labels, page, onPageChange, keepOriginal, onKeepOriginalChange }: DecodedCellsProps) {
  const { t } = useTranslation();
  if (decoded.total === 0) return null;
  const pages = Math.ceil(decoded.total / DECODED_PAGE_SIZE);
  const toggle = (cell: ImportKeptCell) =>
    onKeepOriginalChange(keepOriginal.some((kept) => sameCell(kept, cell)) ? keepOriginal.filter((kept) => !sameCell(kept, cell)) : [...keepOriginal, { rowNumber: cell.rowNumber, column: cell.column }]);
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="decoded-cells-title">
      <Stack gap="xs">
        <Title order={4} id="decoded-cells-title">
          {t('imports.decoded.title', { count: formatNumber(decoded.total) })}
        </Title>
        <Text size="sm">{t('imports.decoded.hint')}</Text>
        <Table striped withTableBorder verticalSpacing={4} aria-labelledby="decoded-cells-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.row')}</Table.Th>
              <Table.Th>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.decoded.original')}</Table.Th>
              <Table.Th>{t('imports.decoded.converted')}</Table.Th>
              <Table.Th>{t('imports.decoded.keep')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decoded.cells.map((cell) => {
              const column = `${columnLetters(cell.column)} (${labels[cell.column] || fieldLabel(register, cell.field)})`;
              return (
                <Table.Tr key={`${cell.rowNumber}:${cell.column}`}>
                  <Table.Td>{cell.rowNumber}</Table.Td>
                  <Table.Td>{column}</Table.Td>
                  <Table.Td>
                    <Text size="sm" td={cell.kept ? undefined : 'line-through'} c={cell.kept ? undefined : 'dimmed'}>
                      {cell.original}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={cell.kept ? undefined : 600} td={cell.kept ? 'line-through' : undefined} c={cell.kept ? 'dimmed' : undefined}>
                      {cell.decoded}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(cell.byFont ? 'imports.decoded.byFont' : 'imports.decoded.byText', { encoding: cell.encoding })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      checked={cell.kept}
                      onChange={() => toggle(cell)}
                      label={t('imports.decoded.keepShort')}
                      aria-label={t('imports.decoded.keepOn', { row: cell.rowNumber, column })}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {pages > 1 && (
          <Group justify="flex-end">
            <Pagination size="sm" total={pages} value={page} onChange={onPageChange} getControlProps={(control) => ({ 'aria-label': t(`imports.page.${control}`) })} aria-label={t('imports.decoded.pages')} />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
