/**
 * The period report's charts as SVG text, drawn by ECharts without a page (its server-side rendering),
 * so the print preview, the PDF painted in the main process and the CLI's PDF carry the same figures:
 * activities and tips by month (or year), and the models by type.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { PeriodSeries, ReportFigures } from './report';
import { formatNumber } from './text';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

export interface ReportChart {
  title: string;
  svg: string;
  /** Its size in points on the page. */
  width: number;
  height: number;
}

// No quotes in the family: it goes into an SVG attribute as it is.
const TEXT = { fontFamily: 'Tinos, Times New Roman, serif', fontSize: 10, color: '#000' };

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: TEXT, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** Numbers on a value axis as Vietnamese write them: 1.500. */
const VALUES = { ...TEXT, formatter: (value: number) => formatNumber(value) };

const label = (key: string) => (key.length === 7 ? `${key.slice(5, 7)}/${key.slice(0, 4)}` : key);

export function reportCharts(figures: ReportFigures, series: PeriodSeries, width: number): ReportChart[] {
  const charts: ReportChart[] = [];
  const height = Math.round(width * 0.45);
  if (series.points.some((point) => point.sessions + point.campaigns + point.tips > 0)) {
    charts.push({
      title: `Biểu đồ 1. Buổi tuyên truyền, cuộc vận động và tin báo theo ${series.bucket === 'month' ? 'tháng' : 'năm'}`,
      width,
      height,
      svg: render(
        {
          legend: { top: 0, textStyle: TEXT },
          grid: { left: 8, right: 8, top: 28, bottom: 4 },
          // Every month of a year is named; a longer run of months names as many as fit.
          xAxis: { type: 'category', data: series.points.map((point) => label(point.key)), axisLabel: { ...TEXT, interval: series.points.length <= 12 ? 0 : 'auto' } },
          yAxis: { type: 'value', minInterval: 1, axisLabel: VALUES },
          series: [
            { name: 'Buổi tuyên truyền', type: 'bar', data: series.points.map((point) => point.sessions), itemStyle: { color: '#1c5fa8' } },
            { name: 'Cuộc vận động', type: 'bar', data: series.points.map((point) => point.campaigns), itemStyle: { color: '#2f9e44' } },
            { name: 'Tin báo', type: 'line', data: series.points.map((point) => point.tips), itemStyle: { color: '#e8590c' } },
            { name: 'Tin có giá trị', type: 'line', data: series.points.map((point) => point.valuable), itemStyle: { color: '#c92a2a' }, lineStyle: { type: 'dashed' } },
          ],
        },
        width,
        height,
      ),
    });
  }
  const types = figures.models.byType.filter((type) => type.count > 0);
  if (types.length > 0) {
    const typesHeight = Math.max(80, 24 * types.length + 40);
    charts.push({
      title: `Biểu đồ ${charts.length + 1}. Mô hình tự quản, tự phòng theo loại`,
      width,
      height: typesHeight,
      svg: render(
        {
          grid: { left: 8, right: 40, top: 8, bottom: 4 },
          yAxis: { type: 'category', data: types.map((type) => type.name), inverse: true, axisLabel: TEXT },
          xAxis: { type: 'value', minInterval: 1, axisLabel: VALUES },
          series: [{ type: 'bar', data: types.map((type) => type.count), itemStyle: { color: '#1c7ed6' }, label: { show: true, position: 'right', ...TEXT } }],
        },
        width,
        typesHeight,
      ),
    });
  }
  return charts;
}
