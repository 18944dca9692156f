/**
 * Tiêu chuẩn "An toàn về an ninh, trật tự" and the movement's 100-point scoring (issue 17 point 3), by
 * year: which units registered, were assessed and met the standard (with the decision), and each ward's
 * and khu phố's score with its grade. The period report counts both.
 */
import { Alert, Anchor, Badge, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, localToday } from '../../../../shared/dates';
import { MOVEMENT_GRADES, MOVEMENT_LEVELS, scoreInput, STANDARD_RESULTS, STANDARD_UNIT_KINDS, standardInput, type ScoreInput, type ScoreRow, type StandardInput, type StandardRow } from '../../../../shared/standards';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { versionOf } from '../../api/versions';
import { catalogueOptions, useCatalogues } from '../../app/catalogues-context';
import { ChoiceField } from '../../components/ChoiceField';
import { DialogForm } from '../../components/DialogForm';
import { EntryDialog, EntryRegisterHeader } from '../../components/EntryDialog';
import { FIRST_FIELD } from '../../components/form';
import { notifyError, notifySaved } from '../../components/notify';
import { useDialogForm } from '../../components/useDialogForm';

type Tab = 'standards' | 'scores';

function StandardForm({ entry, year, onDone }: { entry: StandardRow | null; year: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const initial: StandardInput = {
    year: entry?.year ?? year,
    unitKind: entry?.unitKind ?? 'khu_pho',
    wardId: entry?.wardId ?? '',
    neighbourhoodId: entry?.neighbourhoodId ?? '',
    unitName: entry?.unitName ?? '',
    result: entry?.result ?? 'dang_ky',
    decisionNumber: entry?.decisionNumber ?? '',
    decisionDate: entry?.decisionDate ? formatDate(entry.decisionDate) : '',
    note: entry?.note ?? '',
  };
  const { form, register, errors, dialog } = useDialogForm(standardInput, initial, (values) => (entry ? call('standards.update', { id: entry.id, version: versionOf(entry), values }) : call('standards.create', values)), onDone);
  const unitKind = form.watch('unitKind');
  const wardId = form.watch('wardId');
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={t('standards.year')} withAsterisk inputMode="numeric" {...FIRST_FIELD} {...register('year')} error={errors.year?.message} />
          <ChoiceField control={form.control} name="unitKind" label={t('standards.unitKind')} data={STANDARD_UNIT_KINDS.map((value) => ({ value, label: t(`standards.unitKinds.${value}`) }))} />
          <ChoiceField control={form.control} name="result" label={t('standards.result')} data={STANDARD_RESULTS.map((value) => ({ value, label: t(`standards.results.${value}`) }))} />
        </Group>
        <Group grow align="flex-start">
          <ChoiceField control={form.control} name="wardId" label={t('standards.ward')} data={catalogueOptions(catalogues.wards, entry?.wardId)} onChosen={() => form.setValue('neighbourhoodId', '', { shouldDirty: true })} />
          {unitKind === 'khu_pho' && (
            <ChoiceField control={form.control} name="neighbourhoodId" label={t('standards.neighbourhood')} data={catalogueOptions(catalogues.neighbourhoods.filter((item) => item.wardId === wardId), entry?.neighbourhoodId)} />
          )}
          {unitKind !== 'phuong' && unitKind !== 'khu_pho' && <TextInput label={t('standards.unitName')} withAsterisk {...register('unitName')} error={errors.unitName?.message} />}
        </Group>
        <Group grow align="flex-start">
          <TextInput label={t('standards.decisionNumber')} {...register('decisionNumber')} error={errors.decisionNumber?.message} />
          <TextInput label={t('standards.decisionDate')} placeholder="dd/mm/yyyy" {...register('decisionDate')} error={errors.decisionDate?.message} />
        </Group>
        <Textarea label={t('common.note')} autosize minRows={1} {...register('note')} error={errors.note?.message} />
      </Stack>
    </DialogForm>
  );
}

function ScoreForm({ entry, year, onDone }: { entry: ScoreRow | null; year: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { catalogues } = useCatalogues();
  const initial: ScoreInput = {
    year: entry?.year ?? year,
    level: entry?.level ?? 'khu_pho',
    wardId: entry?.wardId ?? '',
    neighbourhoodId: entry?.neighbourhoodId ?? '',
    score: entry ? formatNumber(entry.score) : '',
    submittedOn: entry?.submittedOn ? formatDate(entry.submittedOn) : '',
    note: entry?.note ?? '',
  };
  const { form, register, errors, dialog } = useDialogForm(scoreInput, initial, (values) => (entry ? call('scores.update', { id: entry.id, version: versionOf(entry), values }) : call('scores.create', values)), onDone);
  const level = form.watch('level');
  const wardId = form.watch('wardId');
  return (
    <DialogForm {...dialog}>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <TextInput label={t('standards.year')} withAsterisk inputMode="numeric" {...FIRST_FIELD} {...register('year')} error={errors.year?.message} />
          <ChoiceField control={form.control} name="level" label={t('standards.level')} data={MOVEMENT_LEVELS.map((value) => ({ value, label: t(`standards.levels.${value}`) }))} />
          <TextInput label={t('standards.score')} withAsterisk inputMode="decimal" {...register('score')} error={errors.score?.message} />
        </Group>
        <Group grow align="flex-start">
          <ChoiceField control={form.control} name="wardId" label={t('standards.ward')} data={catalogueOptions(catalogues.wards, entry?.wardId)} onChosen={() => form.setValue('neighbourhoodId', '', { shouldDirty: true })} />
          {level === 'khu_pho' && (
            <ChoiceField control={form.control} name="neighbourhoodId" label={t('standards.neighbourhood')} data={catalogueOptions(catalogues.neighbourhoods.filter((item) => item.wardId === wardId), entry?.neighbourhoodId)} />
          )}
          <TextInput label={t('standards.submittedOn')} placeholder="dd/mm/yyyy" {...register('submittedOn')} error={errors.submittedOn?.message} />
        </Group>
        <Textarea label={t('common.note')} autosize minRows={1} {...register('note')} error={errors.note?.message} />
      </Stack>
    </DialogForm>
  );
}

/** One of the two registers: its rows for the year, with the counts above them. */
function Register<Row extends { id: string; deletedAt: string | null }>({
  tab,
  rows,
  summary,
  header,
  cells,
  onOpen,
}: {
  tab: Tab;
  rows: Row[] | null;
  summary: ReactNode;
  header: string[];
  cells: (row: Row) => ReactNode[];
  onOpen: (row: Row) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {rows && rows.length > 0 && <Alert variant="light" data-testid={`${tab}-counts`}>{summary}</Alert>}
      <Paper withBorder>
        <Table striped highlightOnHover verticalSpacing={6} aria-label={t(tab === 'standards' ? 'standards.standardsTab' : 'standards.scoresTab')}>
          <Table.Thead>
            <Table.Tr>
              {header.map((label) => (
                <Table.Th key={label}>{label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows?.map((row) => (
              <Table.Tr key={row.id}>
                {cells(row).map((cell, index) => (
                  <Table.Td key={index}>
                    {index === 0 ? (
                      <Anchor component="button" type="button" size="sm" onClick={() => onOpen(row)}>
                        {cell}
                      </Anchor>
                    ) : (
                      cell
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows && rows.length === 0 && (
          <Text p="md" c="dimmed">
            {t('standards.empty')}
          </Text>
        )}
      </Paper>
    </>
  );
}

export function StandardsPage() {
  const { t } = useTranslation();
  const thisYear = Number(localToday().slice(0, 4));
  const [tab, setTab] = useState<Tab>('standards');
  const [year, setYear] = useState(thisYear);
  const [trashed, setTrashed] = useState(false);
  const [standards, setStandards] = useState<StandardRow[] | null>(null);
  const [scores, setScores] = useState<ScoreRow[] | null>(null);
  const [editingStandard, setEditingStandard] = useState<{ entry: StandardRow | null } | null>(null);
  const [editingScore, setEditingScore] = useState<{ entry: ScoreRow | null } | null>(null);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    let live = true;
    const load = tab === 'standards' ? call('standards.list', { year, trashed }).then((rows) => live && setStandards(rows)) : call('scores.list', { year, trashed }).then((rows) => live && setScores(rows));
    load.catch((error: unknown) => notifyError(error));
    return () => {
      live = false;
    };
  }, [tab, year, trashed, changes]);
  const done = () => {
    setEditingStandard(null);
    setEditingScore(null);
    setChanges((count) => count + 1);
  };
  const trashOrRestore = async (kind: Tab, entry: { id: string; deletedAt: string | null }) => {
    try {
      await call(`${kind}.${entry.deletedAt ? 'restore' : 'trash'}` as 'standards.trash', { id: entry.id });
      notifySaved(t(entry.deletedAt ? 'standards.restored' : 'standards.trashed'));
      done();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };
  const standardCounts = (rows: StandardRow[]) =>
    t('standards.counts', {
      registered: formatNumber(rows.length),
      assessed: formatNumber(rows.filter((row) => row.result !== 'dang_ky').length),
      met: formatNumber(rows.filter((row) => row.result === 'dat').length),
    });
  const gradeCounts = (rows: ScoreRow[]) =>
    t('standards.gradeCounts', {
      total: formatNumber(rows.length),
      grades: MOVEMENT_GRADES.map((grade) => `${formatNumber(rows.filter((row) => row.grade === grade).length)} ${t(`standards.grades.${grade}`)}`).join(', '),
    });

  return (
    <Stack gap="md" p="md">
      <EntryRegisterHeader title={t('standards.title')} trashed={trashed} onTrashedChange={setTrashed} onAdd={() => (tab === 'standards' ? setEditingStandard({ entry: null }) : setEditingScore({ entry: null }))} />
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          aria-label={t('standards.title')}
          value={tab}
          onChange={(value) => setTab(value as Tab)}
          data={[
            { value: 'standards', label: t('standards.standardsTab') },
            { value: 'scores', label: t('standards.scoresTab') },
          ]}
        />
        <Select label={t('standards.year')} data={Array.from({ length: thisYear - 2009 }, (_, index) => String(thisYear - index))} value={String(year)} onChange={(value) => value && setYear(Number(value))} allowDeselect={false} w={100} />
      </Group>
      {tab === 'standards' ? (
        <Register<StandardRow>
          tab="standards"
          rows={standards}
          summary={standards ? standardCounts(standards) : null}
          header={[t('standards.unit'), t('standards.unitKind'), t('standards.result'), t('standards.decisionNumber')]}
          cells={(row) => [row.displayName, t(`standards.unitKinds.${row.unitKind}`), <Badge key="result" variant="light" color={row.result === 'dat' ? 'green' : row.result === 'khong_dat' ? 'red' : 'gray'}>{t(`standards.results.${row.result}`)}</Badge>, [row.decisionNumber, row.decisionDate ? formatDate(row.decisionDate) : null].filter(Boolean).join(', ')]}
          onOpen={(row) => setEditingStandard({ entry: row })}
        />
      ) : (
        <Register<ScoreRow>
          tab="scores"
          rows={scores}
          summary={scores ? gradeCounts(scores) : null}
          header={[t('standards.unit'), t('standards.level'), t('standards.score'), t('standards.grade'), t('standards.submittedOn')]}
          cells={(row) => [row.neighbourhoodName ? `${row.neighbourhoodName}, ${row.wardName}` : row.wardName, t(`standards.levels.${row.level}`), formatNumber(row.score), t(`standards.grades.${row.grade}`), row.submittedOn ? formatDate(row.submittedOn) : '']}
          onOpen={(row) => setEditingScore({ entry: row })}
        />
      )}
      <EntryDialog<StandardRow>
        editing={editingStandard}
        titles={{ new: t('standards.newStandard'), edit: t('standards.editStandard'), inTrash: t('standards.inTrash') }}
        onClose={() => setEditingStandard(null)}
        onTrashOrRestore={(entry) => void trashOrRestore('standards', entry)}
        form={(entry) => <StandardForm entry={entry} year={year} onDone={done} />}
      />
      <EntryDialog<ScoreRow>
        editing={editingScore}
        titles={{ new: t('standards.newScore'), edit: t('standards.editScore'), inTrash: t('standards.inTrash') }}
        onClose={() => setEditingScore(null)}
        onTrashOrRestore={(entry) => void trashOrRestore('scores', entry)}
        form={(entry) => <ScoreForm entry={entry} year={year} onDone={done} />}
      />
    </Stack>
  );
}
