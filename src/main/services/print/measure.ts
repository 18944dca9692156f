/**
 * The print font's measure in Node: the Tinos TTFs the PDF embeds, read with fontkit, for documents laid
 * out in the main process (the CLI's report). The renderer measures the same files on a canvas.
 */
import * as fontkit from 'fontkit';
import { createRequire } from 'node:module';
import type { MeasureText } from '../../../shared/print-layout/text';
import { PRINT_FONT_FILES, type FontFace } from '../../../shared/printed-pages';

const require = createRequire(import.meta.url);
let fonts: Record<FontFace, fontkit.Font> | undefined;

export const measureTinos: MeasureText = (text, face, size) => {
  fonts ??= Object.fromEntries(Object.entries(PRINT_FONT_FILES).map(([name, file]) => [name, fontkit.openSync(require.resolve(file)) as fontkit.Font])) as Record<FontFace, fontkit.Font>;
  const font = fonts[face];
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
};
