// The evidence categories the API knows, and a first guess from a file's name.
export const CATEGORIES = ['CONTRACT', 'DOCUMENT', 'PRODUCT_PHOTO', 'DESIGN_DRAWING', 'SOURCE_CODE', 'WEB_PAGE', 'AUDIO_VIDEO', 'DATA_SET', 'OTHER'] as const;
export type Category = (typeof CATEGORIES)[number];

const BY_EXTENSION: Record<string, Category> = {
  pdf: 'DOCUMENT',
  doc: 'DOCUMENT',
  docx: 'DOCUMENT',
  txt: 'DOCUMENT',
  jpg: 'PRODUCT_PHOTO',
  jpeg: 'PRODUCT_PHOTO',
  png: 'PRODUCT_PHOTO',
  dwg: 'DESIGN_DRAWING',
  dxf: 'DESIGN_DRAWING',
  svg: 'DESIGN_DRAWING',
  ts: 'SOURCE_CODE',
  js: 'SOURCE_CODE',
  java: 'SOURCE_CODE',
  c: 'SOURCE_CODE',
  py: 'SOURCE_CODE',
  zip: 'SOURCE_CODE',
  html: 'WEB_PAGE',
  mhtml: 'WEB_PAGE',
  mp4: 'AUDIO_VIDEO',
  mp3: 'AUDIO_VIDEO',
  wav: 'AUDIO_VIDEO',
  csv: 'DATA_SET',
  json: 'DATA_SET',
  xlsx: 'DATA_SET',
};

export function guessCategory(fileName: string): Category {
  const extension = /\.([^.]+)$/.exec(fileName.toLowerCase())?.[1] ?? '';
  return BY_EXTENSION[extension] ?? 'OTHER';
}

/** A title from the file's name, without its extension. */
export const titleOf = (fileName: string): string => fileName.replace(/\.[^.]+$/, '').slice(0, 200) || fileName;
