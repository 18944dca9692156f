/** Step 4, "Xem trước": counts per action, notes, the rows page by page, the officer's decisions, the commit. */
import { Alert, Button, Chip, Group, List, Pagination, Progress, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconDatabaseImport, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_ACTIONS, type CatalogueChoice, type ImportAction, type ImportDecisions, type ImportKeptCell, type ImportLayout, type ImportPreview, type ImportRegister, type PreviewRow, type ResolvedMapping } from '../../../../shared/imports';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { notifyError } from '../../components/notify';
import type { CheckProgress } from './CheckStep';
import { DECODED_PAGE_SIZE, DecodedCells } from './DecodedCells';
import { FixRowModal, type FixableCell } from './FixRowModal';
import { PreviewTable } from './PreviewTable';
import { StepHeading } from './StepHeading';
import { UnknownValuesPanel, type CatalogueDraft } from './UnknownValuesPanel';
import { ACTION_COLORS, PREVIEW_PAGE_SIZE, columnsByField, displayValue, type Fixes, type PreviewView } from './wizard';

interface PreviewStepProps {
  register: ImportRegister;
  sessionId: string;
  layout: ImportLayout;
  mapping: ResolvedMapping;
  fixes: Fixes;
  decisions: ImportDecisions;
  /** `checkAgain`: a skip that changes how other rows read (see PreviewRow.recheckOnSkip). */
  onDecisionsChange: (decisions: ImportDecisions, checkAgain?: boolean) => void;
  view: PreviewView;
  onViewChange: (view: PreviewView) => void;
  /** Values typed for a row's cells: the rows are checked again with them. */
  onFix: (rowNumber: number, cells: Record<string, string>) => void;
  /** Unknown catalogue values added or mapped: the rows are checked again with them. */
  onCatalogueChoices: (choices: CatalogueChoice[]) => void;
  catalogueDraft: CatalogueDraft;
  onCatalogueDraftChange: (draft: CatalogueDraft) => void;
  /** Rows imported without their invalid ID number: the rows are checked again. */
  withoutId: number[];
  onWithoutIdChange: (rows: number[]) => void;
  /** Cells converted from an old font that the officer keeps as written: the rows are checked again with them. */
  keepOriginal: ImportKeptCell[];
  onKeepOriginalChange: (cells: ImportKeptCell[]) => void;
  onBack: () => void;
  onCommit: (counts: Record<ImportAction, number>) => void;
  committing: boolean;
  /** Rows written so far while committing. */
  written: CheckProgress;
}

const toggled = (numbers: number[], value: number) => (numbers.includes(value) ? numbers.filter((number) => number !== value) : [...numbers, value]);

function PreviewNotes({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  if (preview.notes.length === 0 && preview.dropped.length === 0) return null;
  return (
    <Alert color="gray" icon={<IconInfoCircle size={18} />} py="xs" title={t('imports.notesTitle')}>
      <List size="sm" spacing={2}>
        {preview.notes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
        {preview.dropped.map((row) => (
          <List.Item key={row.rowNumber}>{t('imports.dropped', { row: row.rowNumber, reason: t(`imports.droppedReasons.${row.reason}`), text: row.text })}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** The mapped columns of a row's problems, once each, with the value to correct. */
function cellsToFix(register: ImportRegister, row: PreviewRow, fieldColumns: Map<string, number>, headers: string[], fixes: Fixes): FixableCell[] {
  const cells = new Map<number, FixableCell>();
  for (const problem of row.problems) {
    const column = fieldColumns.get(problem.field);
    if (column === undefined || cells.has(column)) continue;
    const value = fixes[row.rowNumber]?.[column] ?? row.cells[column] ?? displayValue(register, problem.field, row.values[problem.field] ?? '');
    cells.set(column, { column, header: headers[column] ?? '', value, problem: problem.message });
  }
  return [...cells.values()];
}

export function PreviewStep(props: PreviewStepProps) {
  const { t } = useTranslation();
  const { register, sessionId, layout, mapping, fixes, decisions, onDecisionsChange, view, onViewChange } = props;
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [fixing, setFixing] = useState<PreviewRow | null>(null);

  useEffect(() => {
    let current = true;
    const offset = (view.page - 1) * PREVIEW_PAGE_SIZE;
    const decodedOffset = ((view.decodedPage ?? 1) - 1) * DECODED_PAGE_SIZE;
    call('imports.preview', { sessionId, ...decisions, show: view.show, offset, limit: PREVIEW_PAGE_SIZE, decodedOffset, decodedLimit: DECODED_PAGE_SIZE }).then((result) => {
      if (!current) return;
      // A decision can empty the last page of a filter: show the page before it.
      if (result.rows.length === 0 && result.total > 0) onViewChange({ ...view, page: Math.ceil(result.total / PREVIEW_PAGE_SIZE) });
      else setPreview(result);
    }, notifyError);
    return () => {
      current = false;
    };
  }, [sessionId, decisions, view, onViewChange]);

  const fieldColumns = columnsByField(mapping);
  const fixableCells = (row: PreviewRow) => cellsToFix(register, row, fieldColumns, layout.labels, fixes);

  if (!preview) return null;
  const counts = preview.counts;
  const toImport = counts.add + counts.update + counts.check;
  const pages = Math.max(1, Math.ceil(preview.total / PREVIEW_PAGE_SIZE));
  const allRows = IMPORT_ACTIONS.reduce((sum, action) => sum + counts[action], 0);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <StepHeading>{t('imports.steps.preview')}</StepHeading>
        <Group gap="xs">
          <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={props.onBack}>
            {t('imports.back')}
          </Button>
          <Button leftSection={<IconDatabaseImport size={16} />} onClick={() => props.onCommit(counts)} loading={props.committing}>
            {t('imports.commit', { count: formatNumber(toImport) })}
          </Button>
        </Group>
      </Group>
      {props.committing && (
        <Stack gap={4}>
          <Text size="sm" aria-live="polite">
            {props.written ? t('imports.writing', { done: formatNumber(props.written.done), total: formatNumber(props.written.total) }) : t('imports.writingStarts')}
          </Text>
          <Progress value={props.written && props.written.total > 0 ? (props.written.done / props.written.total) * 100 : 100} animated={!props.written} striped={!props.written} aria-label={t('imports.writingStarts')} />
        </Stack>
      )}
      <Chip.Group value={view.show} onChange={(show) => onViewChange({ ...view, show: show as PreviewView['show'], page: 1 })}>
        <Group gap={6} aria-label={t('imports.filterByResult')} role="group">
          <Chip value="all" variant="outline">
            {t('imports.allRows', { count: formatNumber(allRows) })}
          </Chip>
          {IMPORT_ACTIONS.map((action) => (
            <Chip key={action} value={action} color={ACTION_COLORS[action]} variant="outline">
              {t(`imports.actions.${action}`)}: {formatNumber(counts[action])}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {preview.unknownValues.length > 0 && (
        <UnknownValuesPanel values={preview.unknownValues} draft={props.catalogueDraft} onDraftChange={props.onCatalogueDraftChange} onApply={props.onCatalogueChoices} />
      )}
      <PreviewNotes preview={preview} />
      {preview.invalidIdRows.some((row) => !props.withoutId.includes(row)) && (
        <Group gap="xs">
          <Text size="sm">{t('imports.invalidIds', { count: formatNumber(preview.invalidIdRows.length) })}</Text>
          <Button size="xs" variant="light" color="grape" onClick={() => props.onWithoutIdChange([...new Set([...props.withoutId, ...preview.invalidIdRows])])}>
            {t('imports.allWithoutId', { count: formatNumber(preview.invalidIdRows.length) })}
          </Button>
        </Group>
      )}
      <DecodedCells
        register={register}
        decoded={preview.decoded}
        labels={layout.labels}
        page={view.decodedPage ?? 1}
        onPageChange={(decodedPage) => onViewChange({ ...view, decodedPage })}
        keepOriginal={props.keepOriginal}
        onKeepOriginalChange={props.onKeepOriginalChange}
      />
      {preview.rows.length === 0 ? (
        <Text c="dimmed">{t('imports.noRows')}</Text>
      ) : (
        <PreviewTable
          register={register}
          rows={preview.rows}
          decisions={decisions}
          canFix={(row) => fixableCells(row).length > 0}
          onToggleSkip={(row) => onDecisionsChange({ ...decisions, skipped: toggled(decisions.skipped, row.rowNumber) }, row.recheckOnSkip)}
          onToggleSame={(row) => onDecisionsChange({ ...decisions, sameAs: toggled(decisions.sameAs, row.rowNumber) })}
          withoutId={props.withoutId}
          onToggleWithoutId={(row) => props.onWithoutIdChange(toggled(props.withoutId, row.rowNumber))}
          onFix={setFixing}
        />
      )}
      {pages > 1 && <Pagination total={pages} value={view.page} onChange={(page) => onViewChange({ ...view, page })} getControlProps={(control) => ({ 'aria-label': t(`imports.page.${control}`) })} />}
      {fixing && (
        <FixRowModal
          row={fixing}
          cells={fixableCells(fixing)}
          onClose={() => setFixing(null)}
          onSave={(cells) => {
            setFixing(null);
            props.onFix(fixing.rowNumber, cells);
          }}
        />
      )}
    </Stack>
  );
}
