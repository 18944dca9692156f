/** Dropdowns filter like the grids search (issue 13 point 1): accents, case and đ do not matter. */
import { describe, expect, it } from 'vitest';
import { foldedOptionsFilter } from '../../src/renderer/src/components/option-filter';

const wards = ['Phường Bình Tiên', 'Phường Bình Tây', 'Phường Phú Lâm', 'Phường Đa Kao'].map((label) => ({ value: label, label }));
const labels = (items: ReturnType<typeof foldedOptionsFilter>) => items.map((item) => ('group' in item ? `${item.group}: ${item.items.map((option) => option.label).join(', ')}` : item.label));

describe('dropdown filter', () => {
  it('finds options typed without accents, in any case, word by word', () => {
    expect(labels(foldedOptionsFilter({ options: wards, search: 'tien', limit: Infinity }))).toEqual(['Phường Bình Tiên']);
    expect(labels(foldedOptionsFilter({ options: wards, search: 'BINH t', limit: Infinity }))).toEqual(['Phường Bình Tiên', 'Phường Bình Tây']);
    expect(labels(foldedOptionsFilter({ options: wards, search: 'da kao', limit: Infinity }))).toEqual(['Phường Đa Kao']);
    expect(labels(foldedOptionsFilter({ options: wards, search: 'phú lâm', limit: Infinity }))).toEqual(['Phường Phú Lâm']);
    expect(labels(foldedOptionsFilter({ options: wards, search: '', limit: 2 }))).toEqual(['Phường Bình Tiên', 'Phường Bình Tây']);
  });

  it('keeps groups that still have a match', () => {
    const grouped = [
      { group: 'Quận 6', items: wards.slice(0, 2) },
      { group: 'Quận 1', items: wards.slice(3) },
    ];
    expect(labels(foldedOptionsFilter({ options: grouped, search: 'tay', limit: Infinity }))).toEqual(['Quận 6: Phường Bình Tây']);
  });
});
