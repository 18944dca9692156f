/** Print column widths that follow the content (issue 14 point 1), with a fixed-pitch measure: 8 px a letter, 9 in bold. */
import { describe, expect, it } from 'vitest';
import { fitColumns, sampleRows } from '../../src/renderer/src/print/column-widths';

const measure = (text: string, bold: boolean) => text.length * (bold ? 9 : 8);
const PADDING = 10;
const rows = Array.from({ length: 60 }, (_, index) => index);
const longestWord = (texts: string[]) => Math.max(...texts.flatMap((text) => text.split(' ').map((word) => measure(word, false))));
const sum = (widths: number[]) => widths.reduce((total, width) => total + width, 0);

describe('print column widths', () => {
  it('gives names room, shrinks numbers and dates, breaks no word and fills the line', () => {
    const columns = [
      { header: 'STT', texts: rows.map((index) => String(index + 1)) },
      { header: 'Tên mô hình', texts: rows.map((index) => `Đội công tác xã hội tình nguyện số ${index} khu phố 4, Phường Bình Tây`) },
      { header: 'Phường', texts: rows.map((index) => `Khu phố ${index % 9}, Phường Bình Tây`) },
      { header: 'Ngày thành lập', texts: rows.map(() => '09/03/2018') },
    ];
    const widths = fitColumns(columns, 700, measure, PADDING);
    expect(sum(widths)).toBeCloseTo(700);
    const [stt, name, ward, date] = widths as [number, number, number, number];
    expect(name).toBeGreaterThan(ward);
    expect(ward).toBeGreaterThan(date);
    expect(stt).toBeLessThan(date);
    columns.forEach((column, index) => expect(widths[index]).toBeGreaterThanOrEqual(longestWord(column.texts) + PADDING));
    // The name (496 px on one line) wraps into 2 lines at most: the rows are 2 lines, not 4.
    expect(name - PADDING).toBeGreaterThanOrEqual(496 / 2);
  });

  it('puts every column on one line when the line holds them, the rest shared by grow', () => {
    const columns = [
      { header: 'Họ và tên', texts: ['Nguyễn Văn Bình', 'Lê Thị Thanh Thảo'], grow: 3 },
      { header: 'Năm', texts: ['1985', '1990'] },
    ];
    const [name, year] = fitColumns(columns, 600, measure, PADDING) as [number, number];
    expect(name).toBeGreaterThan(measure('Lê Thị Thanh Thảo', false) + PADDING);
    expect(year).toBeGreaterThanOrEqual(measure('Năm', true) + PADDING);
    expect(name - measure('Lê Thị Thanh Thảo', false)).toBeGreaterThan(year - measure('Năm', true)); // grow 3 against 1
  });

  it('lets a long text take what the short columns leave, without squeezing them', () => {
    const achievement = Array.from({ length: 40 }, () => 'Tham gia tuần tra, phát hiện và báo tin về tội phạm.').join(' ');
    const columns = [
      { header: 'STT', texts: ['1', '2'] },
      { header: 'Họ và tên', texts: ['Trương Văn Dài, 1970', 'Lê Thị Thanh Thảo, 1975'] },
      { header: 'Tóm tắt thành tích', texts: [achievement, achievement] },
      { header: 'Hình thức', texts: ['Giấy khen', 'Bằng khen'] },
    ];
    const [, name, text, form] = fitColumns(columns, 900, measure, PADDING) as [number, number, number, number];
    expect(name).toBeGreaterThanOrEqual(measure('Lê Thị Thanh Thảo, 1975', false) / 2 + PADDING); // two lines at most
    expect(form).toBeGreaterThanOrEqual(measure('Bằng khen', false) + PADDING);
    expect(text).toBeGreaterThan(900 / 2);
  });

  it('samples the first, the last and rows between', () => {
    const all = Array.from({ length: 20_000 }, (_, index) => index);
    const sample = sampleRows(all, 400);
    expect(sample).toHaveLength(400);
    expect(sample[0]).toBe(0);
    expect(sample.at(-1)).toBe(19_999);
    expect(sampleRows([1, 2, 3], 400)).toEqual([1, 2, 3]);
  });
});
