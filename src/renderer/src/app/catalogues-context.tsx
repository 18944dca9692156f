/** The catalogues (wards, khu phố, model types), loaded once and refreshed after an edit. */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Catalogues } from '../../../shared/catalogues';
import { call } from '../api/client';

interface CataloguesState {
  catalogues: Catalogues;
  reload: () => Promise<void>;
}

const empty: Catalogues = { aliases: [], wards: [], neighbourhoods: [], modelTypes: [], subjectCategories: [], helperOrgs: [], awardForms: [], programmes: [] };
const CataloguesContext = createContext<CataloguesState>({ catalogues: empty, reload: async () => undefined });

export function CataloguesProvider({ children, version }: { children: ReactNode; version: string }) {
  const [catalogues, setCatalogues] = useState<Catalogues>(empty);
  const reload = useCallback(async () => setCatalogues(await call('catalogues.get', {})), []);
  useEffect(() => {
    call('catalogues.get', {}).then(setCatalogues, () => undefined);
  }, [version]);
  return <CataloguesContext.Provider value={{ catalogues, reload }}>{children}</CataloguesContext.Provider>;
}

export const useCatalogues = () => useContext(CataloguesContext);

/** Select options for a catalogue: entries in use, plus the one already chosen even if no longer in use. */
export function catalogueOptions(items: { id: string; name: string; active: boolean }[], currentId?: string | null) {
  return items.filter((item) => item.active || item.id === currentId).map((item) => ({ value: item.id, label: item.name }));
}
