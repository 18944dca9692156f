/**
 * What the officer chooses on a print view, kept for next time: the columns and the page layout.
 * Either choice lays the document out again, so its page count is unknown until it has.
 */
import { useState } from 'react';
import type { PageLayout, PaperOrientation } from '../../../shared/print';
import { useColumnChoices, type ColumnChoice } from './ColumnPicker';
import { usePageLayout } from './page-layout';

export function usePrintChoices(document: string, columnKeys: string[], orientation: PaperOrientation, hiddenByDefault?: string[]) {
  const [choices, setChoices] = useColumnChoices(document, columnKeys, hiddenByDefault);
  const [layout, setLayout] = usePageLayout(document, orientation);
  const [pages, setPages] = useState<number | null>(null);
  const changeChoices = (next: ColumnChoice[]) => {
    setChoices(next);
    setPages(null);
  };
  const changeLayout = (next: PageLayout) => {
    setLayout(next);
    setPages(null);
  };
  return { choices, changeChoices, layout, changeLayout, pages, setPages };
}
