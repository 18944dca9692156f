/**
 * The home page's charts (issue 17 point 5): the movement's activities and tips month by month, models by
 * type and ward, people helped by category and status, and the reviews due; a click on a bar or slice
 * opens the register filtered to it.
 */
import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pad } from '../../../../shared/dates';
import type { ModelCounts } from '../../../../shared/models';
import type { SeriesPoint } from '../../../../shared/report';
import type { DueCounts, SubjectCounts } from '../../../../shared/subjects';
import { call } from '../../api/client';
import { Chart, type ChartOption } from '../../components/Chart';
import { registerHref } from '../../components/register-link';

const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
const lastDay = (month: string) => pad(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate());

const barOption = (names: string[], values: number[], color: string, horizontal = true): ChartOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: horizontal ? 8 : 40, right: 24, top: 8, bottom: 8 },
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: names, inverse: horizontal, axisLabel: { width: 170, overflow: 'truncate' } },
  [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', data: values, itemStyle: { color }, label: { show: true, position: horizontal ? 'right' : 'top' } }],
});

/** A chart under its title; "no figures yet" instead of empty axes. */
function ChartCard({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {title}
      </Title>
      {empty ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.empty')}
        </Text>
      ) : (
        children
      )}
    </Paper>
  );
}

export function Dashboard({ models, due, version }: { models: ModelCounts | null; due: DueCounts | null; version: unknown }) {
  const { t } = useTranslation();
  const [months, setMonths] = useState<SeriesPoint[] | null>(null);
  const [subjects, setSubjects] = useState<SubjectCounts | null>(null);
  useEffect(() => {
    call('report.monthly', { months: 12 }).then(setMonths, () => setMonths(null));
    call('subjects.counts', {}).then(setSubjects, () => setSubjects(null));
  }, [version]);
  const go = (href: string) => (window.location.hash = href);

  const monthly = useMemo<ChartOption | null>(
    () =>
      months && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 40, top: 36, bottom: 8 },
        xAxis: { type: 'category', data: months.map((month) => monthLabel(month.key)) },
        yAxis: [{ type: 'value', minInterval: 1 }],
        series: [
          { name: t('dashboard.sessions'), type: 'bar', data: months.map((month) => month.sessions), itemStyle: { color: '#1c5fa8' } },
          { name: t('dashboard.campaigns'), type: 'bar', data: months.map((month) => month.campaigns), itemStyle: { color: '#2f9e44' } },
          { name: t('dashboard.tips'), type: 'line', data: months.map((month) => month.tips), itemStyle: { color: '#e8590c' } },
          { name: t('dashboard.valuable'), type: 'line', data: months.map((month) => month.valuable), itemStyle: { color: '#c92a2a' }, lineStyle: { type: 'dashed' } },
        ],
      },
    [months, t],
  );
  const openMonth = (index: number, series: number) => {
    const month = months?.[index]?.key;
    if (!month) return;
    const range = { from: `01/${month.slice(5, 7)}/${month.slice(0, 4)}`, to: `${lastDay(month)}/${month.slice(5, 7)}/${month.slice(0, 4)}` };
    go(series < 2 ? registerHref('activities', { ...range, kind: series === 0 ? 'tuyen_truyen' : 'van_dong' }) : registerHref('tips', range));
  };

  return (
    <SimpleGrid cols={2} data-testid="dashboard">
      {monthly && (
        <ChartCard title={t('dashboard.monthly')} empty={months !== null && months.every((month) => month.sessions + month.campaigns + month.tips === 0)}>
          <Chart option={monthly} label={t('dashboard.monthly')} onPick={openMonth} />
        </ChartCard>
      )}
      {subjects && (
        <ChartCard title={t('dashboard.subjectsByCategory')} empty={subjects.byCategory.every((row) => row.count === 0)}>
          <Chart
            label={t('dashboard.subjectsByCategory')}
            option={barOption(subjects.byCategory.map((row) => row.name), subjects.byCategory.map((row) => row.count), '#7048e8')}
            onPick={(index) => subjects.byCategory[index] && go(registerHref('subjects', { categoryId: subjects.byCategory[index].id }))}
          />
        </ChartCard>
      )}
      {models && (
        <ChartCard title={t('home.byType')} empty={models.byType.every((row) => row.count === 0)}>
          <Chart label={t('home.byType')} option={barOption(models.byType.map((row) => row.name), models.byType.map((row) => row.count), '#1c7ed6')} onPick={(index) => models.byType[index] && go(registerHref('models', { typeId: models.byType[index].id }))} />
        </ChartCard>
      )}
      {models && (
        <ChartCard title={t('home.byWard')} empty={models.byWard.every((row) => row.count === 0)}>
          <Chart label={t('home.byWard')} option={barOption(models.byWard.map((row) => row.name), models.byWard.map((row) => row.count), '#0c8599')} onPick={(index) => models.byWard[index] && go(registerHref('models', { wardId: models.byWard[index].id }))} />
        </ChartCard>
      )}
      {subjects && (
        <ChartCard title={t('dashboard.subjectsByStatus')} empty={subjects.byStatus.every((row) => row.count === 0)}>
          <Chart
            label={t('dashboard.subjectsByStatus')}
            option={{
              tooltip: { trigger: 'item' },
              legend: { orient: 'vertical', left: 0, top: 'middle' },
              series: [{ type: 'pie', radius: ['35%', '70%'], center: ['65%', '50%'], data: subjects.byStatus.map((row) => ({ name: t(`subjectStatus.${row.status}`), value: row.count })), label: { formatter: '{c}' } }],
            }}
            onPick={(index) => subjects.byStatus[index] && go(registerHref('subjects', { status: subjects.byStatus[index].status }))}
          />
        </ChartCard>
      )}
      {due && (
        <ChartCard title={t('dashboard.due')} empty={due.overdue + due.dueThisWeek + due.endingSoon === 0}>
          <Chart
            label={t('dashboard.due')}
            option={barOption([t('home.overdue'), t('home.dueThisWeek'), t('home.endingSoon')], [due.overdue, due.dueThisWeek, due.endingSoon], '#f08c00', false)}
            onPick={() => go('#/due')}
          />
        </ChartCard>
      )}
    </SimpleGrid>
  );
}
