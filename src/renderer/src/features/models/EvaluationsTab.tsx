/** Yearly evaluations of a model: rating Tốt/Khá/Trung bình/Yếu and what it achieved. */
import { ActionIcon, Badge, Button, Grid, Group, Modal, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { evaluationInput, RATINGS, type Evaluation, type Rating } from '../../../../shared/models';
import { formatNumber } from '../../../../shared/text';
import { call } from '../../api/client';
import { useConfirm } from '../../components/confirm';
import { enterMovesOn, showServerErrors, useSchemaForm } from '../../components/form';
import { notifyError, notifySaved } from '../../components/notify';

export const RATING_COLORS: Record<Rating, string> = { tot: 'teal', kha: 'blue', trung_binh: 'yellow', yeu: 'red' };

interface EvaluationsTabProps {
  modelId: string;
  evaluations: Evaluation[];
  readOnly: boolean;
  onChanged: () => void;
}

export function EvaluationsTab({ modelId, evaluations, readOnly, onChanged }: EvaluationsTabProps) {
  const { t } = useTranslation();
  const confirm = useConfirm();
  const [editing, setEditing] = useState<Evaluation | 'new' | null>(null);

  const remove = async (evaluation: Evaluation) => {
    if (!(await confirm({ title: t('common.remove'), message: t('evaluations.removeConfirm', { year: evaluation.year }), danger: true, confirmLabel: t('common.remove') }))) return;
    try {
      await call('evaluations.remove', { id: evaluation.id });
      onChanged();
    } catch (error) {
      notifyError(error, t('common.error'));
    }
  };

  return (
    <Stack gap="sm">
      {!readOnly && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('evaluations.add')}
          </Button>
        </Group>
      )}
      {evaluations.length === 0 ? (
        <Text c="dimmed">{t('evaluations.empty')}</Text>
      ) : (
        <Table striped aria-label={t('tabs.evaluations')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('evaluations.year')}</Table.Th>
              <Table.Th w={120}>{t('evaluations.rating')}</Table.Th>
              <Table.Th ta="right">{t('evaluations.tipsPassed')}</Table.Th>
              <Table.Th ta="right">{t('evaluations.offendersCaught')}</Table.Th>
              <Table.Th ta="right">{t('evaluations.incidentsPrevented')}</Table.Th>
              <Table.Th>{t('evaluations.notes')}</Table.Th>
              {!readOnly && <Table.Th w={84} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {evaluations.map((evaluation) => (
              <Table.Tr key={evaluation.id}>
                <Table.Td>{evaluation.year}</Table.Td>
                <Table.Td>
                  <Badge color={RATING_COLORS[evaluation.rating]} variant="light" tt="none" style={{ overflow: 'visible' }}>
                    {t(`rating.${evaluation.rating}`)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(evaluation.tipsPassed)}</Table.Td>
                <Table.Td ta="right">{formatNumber(evaluation.offendersCaught)}</Table.Td>
                <Table.Td ta="right">{formatNumber(evaluation.incidentsPrevented)}</Table.Td>
                <Table.Td>{evaluation.notes}</Table.Td>
                {!readOnly && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={`${t('common.edit')} ${evaluation.year}`} onClick={() => setEditing(evaluation)}>
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={`${t('common.remove')} ${evaluation.year}`} onClick={() => void remove(evaluation)}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? t('evaluations.add') : t('common.edit')} size="lg" zIndex={300}>
        {editing !== null && (
          <EvaluationForm
            modelId={modelId}
            evaluation={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function EvaluationForm({ modelId, evaluation, onDone }: { modelId: string; evaluation: Evaluation | null; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useSchemaForm(evaluationInput, {
    modelId,
    year: evaluation?.year ?? new Date().getFullYear() - 1,
    rating: evaluation?.rating,
    tipsPassed: evaluation?.tipsPassed ?? 0,
    offendersCaught: evaluation?.offendersCaught ?? 0,
    incidentsPrevented: evaluation?.incidentsPrevented ?? 0,
    notes: evaluation?.notes ?? '',
  });
  const { register, handleSubmit, formState, control } = form;
  const { errors } = formState;
  const submit = handleSubmit(async () => {
    const values = form.getValues();
    try {
      if (evaluation) await call('evaluations.update', { id: evaluation.id, values });
      else await call('evaluations.create', values);
      notifySaved(t('common.saved'));
      onDone();
    } catch (error) {
      if (!showServerErrors(form, error)) notifyError(error, t('common.error'));
    }
  });
  return (
    <form onSubmit={submit} onKeyDown={enterMovesOn} noValidate>
      <Grid gap="sm">
        <Grid.Col span={6}>
          <TextInput label={t('evaluations.year')} withAsterisk inputMode="numeric" autoFocus {...register('year')} error={errors.year?.message} />
        </Grid.Col>
        <Grid.Col span={6}>
          <Controller
            control={control}
            name="rating"
            render={({ field }) => (
              <Select
                label={t('evaluations.rating')}
                withAsterisk
                data={RATINGS.map((rating) => ({ value: rating, label: t(`rating.${rating}`) }))}
                value={field.value ?? null}
                onChange={(value) => field.onChange(value ?? undefined)}
                allowDeselect={false}
                ref={field.ref}
                error={errors.rating?.message}
              />
            )}
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput label={t('evaluations.tipsPassed')} inputMode="numeric" {...register('tipsPassed')} error={errors.tipsPassed?.message} />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput label={t('evaluations.offendersCaught')} inputMode="numeric" {...register('offendersCaught')} error={errors.offendersCaught?.message} />
        </Grid.Col>
        <Grid.Col span={4}>
          <TextInput label={t('evaluations.incidentsPrevented')} inputMode="numeric" {...register('incidentsPrevented')} error={errors.incidentsPrevented?.message} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('evaluations.notes')} autosize minRows={3} {...register('notes')} error={errors.notes?.message} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="md">
        <Button type="submit" loading={formState.isSubmitting}>
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}
