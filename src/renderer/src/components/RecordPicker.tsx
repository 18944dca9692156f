/**
 * Picks a record of a register by typing (a model, a member): the text stays as typed, the register is
 * searched as the grids search it (accent-insensitive), results come a page at a time with the facts that
 * tell look-alikes apart, and the chosen record is linked. Built on Mantine's Combobox because Select
 * resets its text whenever its options change, which is every keystroke when the server searches.
 */
import { CloseButton, Combobox, InputBase, Loader, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldForSearch, formatNumber, searchTerms } from '../../../shared/text';

export interface PickerPage<T> {
  rows: T[];
  total: number;
}

export interface RecordPickerProps<T extends { id: string }> {
  label: string;
  description?: string;
  /** The linked record, if any. */
  value: T | null;
  onChange: (record: T | null) => void;
  /** One page of the records matching the typed text (all records for an empty text). */
  search: (text: string, offset: number, limit: number) => Promise<PickerPage<T>>;
  /** The record's name, and the facts that tell it from look-alikes (ward, type, birth year…). */
  describe: (record: T) => { name: string; facts: string };
  disabled?: boolean;
  /** Takes the caret when its dialog or drawer opens. */
  firstField?: boolean;
}

const PAGE_SIZE = 20;
const MORE = '\u0000more';

export function RecordPicker<T extends { id: string }>({ label, description, value, onChange, search, describe, disabled, firstField }: RecordPickerProps<T>) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const linkedName = value ? describe(value).name : '';
  const [text, setText] = useState(linkedName);
  const [debounced] = useDebouncedValue(text, 250);
  /** The rows found for `text` (null: nothing asked yet); `failed`: the register could not be read. */
  const [found, setFound] = useState<PickerPage<T> & { text: string | null; failed: boolean }>({ text: null, rows: [], total: 0, failed: false });
  const [loadingMore, setLoadingMore] = useState(false);
  const latestSearch = useRef(search);
  useEffect(() => {
    latestSearch.current = search;
  });
  const opened = combobox.dropdownOpened;

  // The linked record's own name lists everything, so the officer can pick another without clearing first.
  const query = value && debounced === linkedName ? '' : debounced;
  useEffect(() => {
    if (!opened) return;
    let current = true;
    latestSearch.current(query, 0, PAGE_SIZE).then(
      (page) => current && setFound({ text: query, ...page, failed: false }),
      () => current && setFound({ text: query, rows: [], total: 0, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [query, opened]);

  // Enter takes the best match as soon as it shows (a layout effect: before the officer can see it); after
  // "more", the selection stays where it was, on the first new row.
  useLayoutEffect(() => {
    if (opened && found.rows.length > 0 && combobox.getSelectedOptionIndex() === -1) combobox.selectFirstOption();
  }, [found, opened, combobox]);

  const searching = opened && found.text !== query;
  const loading = searching || loadingMore;

  const loadMore = async () => {
    if (loadingMore || searching) return;
    const offset = found.rows.length;
    setLoadingMore(true);
    try {
      const page = await latestSearch.current(query, offset, PAGE_SIZE);
      // Appended only to the list it continues (not after a newer search, nor twice).
      setFound((before) => (before.text === query && before.rows.length === offset ? { ...before, rows: [...before.rows, ...page.rows], total: page.total } : before));
    } catch {
      setFound((before) => ({ ...before, failed: true }));
    } finally {
      setLoadingMore(false);
    }
  };

  const choose = (id: string) => {
    if (id === MORE) {
      void loadMore();
      return;
    }
    const record = found.rows.find((row) => row.id === id);
    if (!record) return;
    onChange(record);
    setText(describe(record).name);
    combobox.closeDropdown();
  };

  const unlink = () => {
    onChange(null);
    setText('');
  };

  return (
    <Combobox store={combobox} onOptionSubmit={choose}>
      <Combobox.Target withExpandedAttribute>
        <InputBase
          label={label}
          description={description}
          disabled={disabled}
          data-autofocus={firstField || undefined}
          value={text}
          placeholder={t('picker.placeholder')}
          onChange={(event) => {
            setText(event.currentTarget.value); // the link stays until another record is chosen or "Bỏ liên kết"
            combobox.openDropdown();
            combobox.resetSelectedOption(); // the best match of the new text is chosen when it arrives
          }}
          onClick={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            if (value && text !== linkedName) setText(linkedName); // typed but nothing chosen: the link is what counts
          }}
          rightSection={
            loading ? <Loader size={16} /> : value ? <CloseButton size="sm" aria-label={t('picker.unlink')} onMouseDown={(event) => event.preventDefault()} onClick={unlink} /> : <Combobox.Chevron />
          }
          rightSectionPointerEvents={value && !loading ? 'all' : 'none'}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={320} style={{ overflowY: 'auto' }} aria-label={label}>
          {found.rows.map((row) => {
            const { name, facts } = describe(row);
            return (
              // While a newer search runs, the older rows can still be clicked (each is a real record), but
              // Enter does not take them (`data-stale`: see firstOption in components/form.ts).
              <Combobox.Option value={row.id} key={row.id} active={row.id === value?.id} data-stale={searching || undefined} aria-label={facts ? `${name} — ${facts}` : name}>
                <Text size="sm">{name}</Text>
                {facts && (
                  <Text size="xs" c="dimmed">
                    {facts}
                  </Text>
                )}
              </Combobox.Option>
            );
          })}
          {found.failed && <Combobox.Empty>{t('picker.failed')}</Combobox.Empty>}
          {found.rows.length === 0 && !loading && !found.failed && <Combobox.Empty>{t('picker.nothing')}</Combobox.Empty>}
          {found.rows.length < found.total && (
            <Combobox.Option value={MORE}>
              <Text size="sm" c="blue">
                {t('picker.more', { shown: formatNumber(found.rows.length), total: formatNumber(found.total) })}
              </Text>
            </Combobox.Option>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** A picker's search over a list already loaded (a model's members), matched as the server matches. */
export function searchList<T>(rows: T[], searchText: (row: T) => string) {
  return (text: string, offset: number, limit: number): Promise<PickerPage<T>> => {
    const terms = searchTerms(text);
    const found = rows.filter((row) => {
      const folded = foldForSearch(searchText(row));
      return terms.every((term) => folded.includes(term));
    });
    return Promise.resolve({ rows: found.slice(offset, offset + limit), total: found.length });
  };
}
