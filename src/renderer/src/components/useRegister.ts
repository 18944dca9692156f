/**
 * The state every register page (models, individuals) keeps: the search as typed and as searched, the
 * Trash switch, the record open in the panel, the grid's view; then the counts, and the keys Ctrl+F/N/P.
 */
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GridView } from './DataGrid';
import type { RecordTarget } from './useRecordPanel';

export function useRegister() {
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 250);
  const [trashed, setTrashed] = useState(false);
  const [panel, setPanel] = useState<RecordTarget | null>(null);
  // Bumped after a change in the panel, so the grid and the counts fetch again.
  const [version, setVersion] = useState(0);
  const [view, setView] = useState<GridView | null>(null);
  const refresh = useCallback(() => setVersion((value) => value + 1), []);
  return { search, setSearch, debouncedSearch, trashed, setTrashed, panel, setPanel, version, refresh, view, setView };
}

/**
 * The register's counts for the filter, and its total (all records, or all in the Trash), fetched again
 * when the filter or `version` changes. `count` is defined once (outside the component).
 */
export function useRegisterCounts<Filter extends { trashed?: boolean }, Counts extends { total: number }>(count: (filter: Filter | { trashed?: boolean }) => Promise<Counts>, filter: Filter, version: number) {
  const [counts, setCounts] = useState<Counts | null>(null);
  const [registerTotal, setRegisterTotal] = useState(0);
  const { trashed } = filter;
  useEffect(() => {
    let current = true;
    void Promise.all([count(filter), count({ trashed })]).then(([filtered, all]) => {
      if (!current) return;
      setCounts(filtered);
      setRegisterTotal(all.total);
    });
    return () => {
      current = false;
    };
  }, [count, filter, trashed, version]);
  return { counts, registerTotal };
}

/** Ctrl+F to the search box (the ref returned), Ctrl+N a new record (not in the Trash), Ctrl+P prints the list as shown. */
export function useRegisterHotkeys({ trashed, printHref, onAdd }: { trashed: boolean; printHref: string; onAdd: () => void }) {
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys(
    [
      ['mod+F', () => searchRef.current?.focus()],
      ['mod+N', () => !trashed && onAdd()],
      ['mod+P', () => (window.location.hash = printHref)],
    ],
    [],
    true,
  );
  return searchRef;
}
