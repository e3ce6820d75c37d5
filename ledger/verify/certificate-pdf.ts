// A deposit certificate read from its PDF (存证证书): the hub's PDF carries the certificate as an
// attached file, iphub-certificate-<seq>.json, so that the PDF alone verifies offline. Read through
// pdf-lib's object API (catalog, /Names, /EmbeddedFiles, each file specification's /EF /F stream),
// never by searching the bytes. Browser-safe: pdf-lib is loaded only when a PDF is read, so the
// /verify page fetches it only then.
import type { PDFDict as Dict, PDFObject } from 'pdf-lib';

import { type Certificate, CERTIFICATE_FORMAT } from './certificate.js';
import { readCertificateFile } from './tlog-proof.js';

export class CertificatePdfError extends Error {
  override readonly name = 'CertificatePdfError';
}

/** How deep a name tree's /Kids may nest, and how many files it may name, before it is refused. */
const MAX_DEPTH = 16;
const MAX_FILES = 1_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the bytes are a PDF: its header, `%PDF-`, at the start. */
function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '%PDF-';
}

/** The certificate attached to a certificate PDF, or CertificatePdfError saying why there is none. */
export async function certificateFromPdf(bytes: Uint8Array): Promise<Certificate> {
  const { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, decodePDFRawStream } = await import('pdf-lib');
  let doc: Awaited<ReturnType<typeof PDFDocument.load>>;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (err) {
    throw new CertificatePdfError(`the PDF cannot be read: ${(err as Error).message}`, { cause: err });
  }
  const name = (key: string) => PDFName.of(key);
  const dictOf = (o: PDFObject | undefined): Dict | undefined => (o instanceof PDFDict ? o : undefined);
  const textOf = (o: PDFObject | undefined): string | undefined => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

  // The embedded files name tree (ISO 32000-1 7.9.6, 7.11.4): leaves hold [name spec name spec ...], other nodes /Kids.
  const files: { name: string; spec: Dict }[] = [];
  const visited = new Set<Dict>();
  const walk = (node: Dict | undefined, depth: number): void => {
    if (node === undefined || visited.has(node) || depth > MAX_DEPTH || files.length >= MAX_FILES) return;
    visited.add(node);
    const names = node.lookup(name('Names'));
    if (names instanceof PDFArray) {
      for (let i = 0; i + 1 < names.size() && files.length < MAX_FILES; i += 2) {
        const spec = dictOf(names.lookup(i + 1));
        if (spec !== undefined) files.push({ name: textOf(spec.lookup(name('UF'))) ?? textOf(spec.lookup(name('F'))) ?? textOf(names.lookup(i)) ?? '', spec });
      }
    }
    const kids = node.lookup(name('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walk(dictOf(kids.lookup(i)), depth + 1);
  };
  try {
    // A damaged file may load without a catalog: pdf-lib then fails on the first lookup.
    walk(dictOf(dictOf(doc.catalog.lookup(name('Names')))?.lookup(name('EmbeddedFiles'))), 0);
  } catch (err) {
    throw new CertificatePdfError(`the PDF cannot be read: ${(err as Error).message}`, { cause: err });
  }

  // The hub's own name first; any other attached JSON file after it.
  const candidates = files
    .filter((f) => /\.json$/i.test(f.name))
    .sort((a, b) => Number(/^iphub-certificate-\d+\.json$/.test(b.name)) - Number(/^iphub-certificate-\d+\.json$/.test(a.name)));
  for (const file of candidates) {
    const stream = dictOf(file.spec.lookup(name('EF')))?.lookup(name('F'));
    if (!(stream instanceof PDFRawStream)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(utf8.decode(decodePDFRawStream(stream).decode()));
    } catch {
      continue;
    }
    if ((parsed as Partial<Certificate> | null)?.format === CERTIFICATE_FORMAT) return parsed as Certificate;
  }
  throw new CertificatePdfError(
    files.length === 0
      ? `this PDF carries no certificate: it has no attached files (an IP Hub certificate PDF attaches its ${CERTIFICATE_FORMAT} certificate as iphub-certificate-<seq>.json)`
      : `this PDF carries no certificate: none of its attached files (${files.map((f) => f.name).join(', ')}) is an ${CERTIFICATE_FORMAT} certificate`,
  );
}

/** A certificate file's bytes, in any of its forms: the PDF, the JSON certificate, or a `.tlog-proof`. */
export async function readCertificateBytes(bytes: Uint8Array): Promise<Certificate> {
  if (isPdf(bytes)) return certificateFromPdf(bytes);
  return readCertificateFile(new TextDecoder('utf-8').decode(bytes));
}
