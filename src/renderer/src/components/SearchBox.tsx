/** A register's search box, on the filter row (labelled by aria-label: the row has no room for a label above it). */
import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface SearchBoxProps {
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  minWidth?: number;
  /** Ctrl+F puts the caret here. */
  ref?: Ref<HTMLInputElement>;
}

export function SearchBox({ value, onChange, placeholder, minWidth = 260, ref }: SearchBoxProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      ref={ref}
      style={{ flex: 1, minWidth, maxWidth: 520 }}
      aria-label={t('common.search')}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      type="search"
    />
  );
}
