// Types for subset-font (harfbuzz's hb-subset compiled to WebAssembly), which ships none: the
// options web/certificate/fonts.ts uses.
declare module 'subset-font' {
  interface SubsetOptions {
    /** The format of the subset: `sfnt` keeps the font's own outlines (CFF in an OpenType font). */
    readonly targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    /** OpenType layout features to keep; all of them when absent. */
    readonly keepFeatures?: readonly string[];
    /** Tables to drop, besides those harfbuzz drops by default. */
    readonly dropTables?: readonly string[];
  }
  export default function subsetFont(font: Buffer, text: string, options?: SubsetOptions): Promise<Buffer>;
}
