/** The print font's measure in Node: the Tinos TTFs the PDF embeds, read with fontkit (the browser measures them on a canvas). */
import * as fontkit from 'fontkit';
import { createRequire } from 'node:module';
import { PRINT_FONT_FILES, type FontFace } from '../../src/shared/printed-pages';
import type { MeasureText } from '../../src/renderer/src/print/layout/text';

const require = createRequire(import.meta.url);
const fonts = Object.fromEntries(Object.entries(PRINT_FONT_FILES).map(([face, file]) => [face, fontkit.openSync(require.resolve(file)) as fontkit.Font])) as Record<FontFace, fontkit.Font>;

export const measureTinos: MeasureText = (text, face, size) => {
  const font = fonts[face];
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
};
