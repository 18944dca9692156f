/** The paper's orientation and the table text's size of a printed document, chosen on its toolbar and remembered. */
import { SegmentedControl } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageLayoutKey, readPageLayout, TABLE_FONT_SIZES, type PageLayout, type PaperOrientation, type TableFontSize } from '../../../shared/print';
import { call } from '../api/client';

/** The document's layout (null while it loads), and a setter that remembers it. */
export function usePageLayout(document: string, orientation: PaperOrientation): [PageLayout | null, (next: PageLayout) => void] {
  const [layout, setLayout] = useState<PageLayout | null>(null);
  useEffect(() => {
    const fallback: PageLayout = { orientation, fontSize: 12 };
    call('ui.getState', { key: pageLayoutKey(document) }).then(
      ({ value }) => setLayout(readPageLayout(value, fallback)),
      () => setLayout(fallback),
    );
  }, [document, orientation]);
  const change = (next: PageLayout) => {
    setLayout(next);
    void call('ui.setState', { key: pageLayoutKey(document), value: next }).catch(() => undefined);
  };
  return [layout, change];
}

export function PageLayoutPicker({ layout, onChange }: { layout: PageLayout; onChange: (next: PageLayout) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <SegmentedControl
        size="xs"
        aria-label={t('print.orientation')}
        value={layout.orientation}
        onChange={(value) => onChange({ ...layout, orientation: value as PaperOrientation })}
        data={[
          { value: 'portrait', label: t('print.portrait') },
          { value: 'landscape', label: t('print.landscape') },
        ]}
      />
      <SegmentedControl
        size="xs"
        aria-label={t('print.fontSize')}
        value={String(layout.fontSize)}
        onChange={(value) => onChange({ ...layout, fontSize: Number(value) as TableFontSize })}
        data={TABLE_FONT_SIZES.map((size) => ({ value: String(size), label: `${size} pt` }))}
      />
    </>
  );
}
