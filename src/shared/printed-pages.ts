/**
 * A document laid out as pages of positioned text and rules: what the print preview draws and what the
 * PDF is painted from, so the two cannot differ. Units are points (1/72 inch) from the page's top-left
 * corner; a text's y is its baseline. Tuples keep a 20.000-row roster's pages small on the wire.
 */
import { z } from 'zod';
import type { PaperOrientation } from './print';

/** The faces of the print font (Tinos, metric-compatible with Times New Roman), by index. */
export const FONT_FACES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontFace = (typeof FONT_FACES)[number];
export const faceIndex = (face: FontFace): number => FONT_FACES.indexOf(face);

/** The TTF of each face, in the `@expo-google-fonts/tinos` package (the renderer imports the same files by name). */
export const PRINT_FONT_FILES: Record<FontFace, string> = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
};

/** Every rule is a hair line of 0.75 pt (one CSS pixel), as the official tables print. */
export const RULE_WIDTH = 0.75;

const MM = 72 / 25.4;
export const mm = (millimetres: number): number => millimetres * MM;

/** A4 in points, by orientation. */
export const PAPER: Record<PaperOrientation, { width: number; height: number }> = {
  portrait: { width: mm(210), height: mm(297) },
  landscape: { width: mm(297), height: mm(210) },
};

/** Decree 30/2020 margins: top and bottom 20 mm, left 30 mm, right 15 mm; page numbers 10 mm from the top. */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), pageNumber: mm(10) };

const coordinate = z.number().finite().min(-100).max(2000);
/** [x, baseline y, size in points, face (index in FONT_FACES), text] */
export const textRun = z.tuple([coordinate, coordinate, z.number().min(4).max(40), z.number().int().min(0).max(FONT_FACES.length - 1), z.string().max(2000)]);
/** [x1, y1, x2, y2]: a rule from one point to the other. */
export const rule = z.tuple([coordinate, coordinate, coordinate, coordinate]);
/** [x, y, width, height, svg]: a figure (a chart) drawn from its SVG text into the box from its top-left. */
export const pageImage = z.tuple([coordinate, coordinate, z.number().min(1).max(2000), z.number().min(1).max(2000), z.string().max(500_000)]);
export const printedPage = z.object({ texts: z.array(textRun).max(20_000), rules: z.array(rule).max(20_000), images: z.array(pageImage).max(20).optional() });

export type TextRun = z.infer<typeof textRun>;
export type Rule = z.infer<typeof rule>;
export type PageImage = z.infer<typeof pageImage>;
export type PrintedPage = z.infer<typeof printedPage>;
