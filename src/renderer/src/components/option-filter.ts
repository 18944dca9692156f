/** Dropdown lists filter the way the grids search: accent-, case- and đ-insensitive, every typed word must occur. */
import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { foldForSearch, searchTerms } from '../../../shared/text';

export const foldedOptionsFilter: OptionsFilter = ({ options, search, limit }) => {
  const terms = searchTerms(search);
  const matches = (label: string) => terms.every((term) => foldForSearch(label).includes(term));
  const result: ComboboxParsedItem[] = [];
  for (const item of options) {
    if (result.length >= limit) break;
    if ('group' in item) {
      const items = item.items.filter((option) => matches(option.label));
      if (items.length > 0) result.push({ group: item.group, items });
    } else if (matches(item.label)) result.push(item);
  }
  return result;
};
