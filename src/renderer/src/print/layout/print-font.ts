/**
 * The print font in the page: the same Tinos TTF files the PDF embeds (main/services/print/pdf-jobs.ts),
 * loaded as the "Tinos Print" family, so the preview draws and the layout measures exactly the glyphs
 * the PDF holds. Widths come from a canvas (native and fast); a size in px there is the width in points.
 */
import regular from '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf?url';
import bold from '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf?url';
import italic from '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf?url';
import boldItalic from '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf?url';
import type { FontFace as PrintFace } from '../../../../shared/printed-pages';
import type { MeasureText } from '../../../../shared/print-layout/text';

export const PRINT_FAMILY = 'Tinos Print';

const FILES: Record<PrintFace, { url: string; weight: string; style: string }> = {
  regular: { url: regular, weight: '400', style: 'normal' },
  bold: { url: bold, weight: '700', style: 'normal' },
  italic: { url: italic, weight: '400', style: 'italic' },
  boldItalic: { url: boldItalic, weight: '700', style: 'italic' },
};

/** The CSS of a face: its weight and style. */
export const faceStyle = (face: PrintFace) => ({ fontWeight: FILES[face].weight, fontStyle: FILES[face].style });

let loading: Promise<MeasureText> | undefined;

/** Loads the four faces once (again after a failure); resolves to a measure in that font. */
export function loadPrintFont(): Promise<MeasureText> {
  loading ??= (async () => {
    try {
      return await loadFaces();
    } catch (error) {
      loading = undefined;
      throw error;
    }
  })();
  return loading;
}

async function loadFaces(): Promise<MeasureText> {
  await Promise.all(
    Object.values(FILES).map(async ({ url, weight, style }) => {
      const face = new FontFace(PRINT_FAMILY, `url(${url})`, { weight, style });
      document.fonts.add(await face.load());
    }),
  );
  const context = document.createElement('canvas').getContext('2d');
  if (!context) throw new Error('No canvas to measure the print font with.');
  let current = '';
  return (text, face, size) => {
    const font = `${FILES[face].style} ${FILES[face].weight} ${size}px "${PRINT_FAMILY}"`;
    if (current !== font) context.font = current = font;
    return context.measureText(text).width;
  };
}
