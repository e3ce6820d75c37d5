// The certificate's typeface: Noto Sans SC (Noto Sans Hans, SIL Open Font License 1.1) from the
// @embedpdf/fonts-sc package, read from disk once per process and cut down for each certificate by
// harfbuzz (hb-subset, through subset-font) to exactly the characters it draws. pdf-lib's own
// subsetting is not used: it loses CJK glyphs, in CFF and TrueType fonts alike.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

import subsetFont from 'subset-font';

export type Weight = 'regular' | 'bold';

const FILES: Record<Weight, string> = { regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' };
/** The PostScript names the subsets are embedded under, after their subset tag. */
export const FONT_NAMES: Record<Weight, string> = { regular: 'NotoSansSC-Regular', bold: 'NotoSansSC-Bold' };

// The package's exports name its script alone (dist/); its fonts lie beside that, in fonts/.
const fontUrl = (weight: Weight): URL => new URL(`../fonts/${FILES[weight]}`, import.meta.resolve('@embedpdf/fonts-sc'));

/** Tables the certificate's text has no use for. */
const DROPPED = ['GSUB', 'GPOS', 'GDEF', 'BASE', 'VORG', 'vhea', 'vmtx'];

const loaded = new Map<Weight, Promise<Buffer>>();

/** The whole font of a weight (some 8 MB), read once. */
function wholeFont(weight: Weight): Promise<Buffer> {
  let font = loaded.get(weight);
  if (font === undefined) {
    // A Buffer: subset-font reads the font's signature with Buffer's toString.
    font = readFile(fontUrl(weight));
    // A failed read is tried again next time, not kept.
    font.catch(() => loaded.delete(weight));
    loaded.set(weight, font);
  }
  return font;
}

export interface FontSubset {
  /** An OpenType font (CFF outlines) holding the glyphs of `text`'s characters and no others. */
  readonly bytes: Uint8Array;
  /**
   * The name to embed it under: a subset tag of six capital letters (ISO 32000-1 9.6.4), taken
   * from the characters it holds so that the same text names the same subset, then the font's name.
   */
  readonly name: string;
}

/** The font of `weight` cut down to the characters of `text`. */
export async function fontSubset(weight: Weight, text: string): Promise<FontSubset> {
  const characters = [...new Set(text)].sort().join('');
  // Horizontal text drawn glyph by glyph at each glyph's advance, as pdf-lib draws: no layout
  // features or tables (their closure would add glyphs), no vertical metrics.
  const bytes = await subsetFont(await wholeFont(weight), characters, { targetFormat: 'sfnt', keepFeatures: [], dropTables: DROPPED });
  const digest = createHash('sha256').update(`${weight}\n${characters}`).digest();
  const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), name: `${tag}+${FONT_NAMES[weight]}` };
}
