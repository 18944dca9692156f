/** The print font's measure in Node: the Tinos TTFs the PDF embeds, read with fontkit (the browser measures them on a canvas). */
import * as fontkit from 'fontkit';
import { createRequire } from 'node:module';
import type { FontFace } from '../../src/shared/printed-pages';
import type { MeasureText } from '../../src/renderer/src/print/layout/text';

const FILES: Record<FontFace, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};
const require = createRequire(import.meta.url);
const fonts = Object.fromEntries(Object.entries(FILES).map(([face, file]) => [face, fontkit.openSync(require.resolve(file)) as fontkit.Font])) as Record<FontFace, fontkit.Font>;

export const measureTinos: MeasureText = (text, face, size) => {
  const font = fonts[face];
  return (font.layout(text).advanceWidth / font.unitsPerEm) * size;
};
