// The deposit certificate as a PDF (存证证书): one A4 page, Chinese first with English, laid out
// from web/certificate/content.ts with pdf-lib, its fonts cut to the characters drawn
// (web/certificate/fonts.ts), a QR code to the /verify page, and the certificate itself and its
// tlog-proof attached, so that the PDF alone verifies offline (ledger/verify/certificate-pdf.ts
// reads them back). Only library calls: no PDF syntax is written here.
import fontkit from '@pdf-lib/fontkit';
import { AFRelationship, type Color, grayscale, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';

import { type CertificateContent, certificateContent, type CertificatePdfInput, type Value } from './content.js';
import { fontSubset, type Weight } from './fonts.js';
import { wrap } from './wrap.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const LABEL_WIDTH = 132;
const GAP = 12;
const VALUE_X = MARGIN + LABEL_WIDTH + GAP;
const VALUE_WIDTH = A4[0] - MARGIN - VALUE_X;
const QR_SIZE = 104;
const SCAN = '扫码核验 Scan to verify';

const INK = grayscale(0.1);
const MUTED = grayscale(0.38);
const RULE = grayscale(0.78);
const SEAL = rgb(0.62, 0.09, 0.09);

interface Style {
  readonly weight: Weight;
  readonly size: number;
  readonly lineHeight: number;
  readonly color: Color;
}

const STYLES = {
  title: { weight: 'bold', size: 22, lineHeight: 30, color: SEAL },
  subtitle: { weight: 'regular', size: 12, lineHeight: 16, color: MUTED },
  labelZh: { weight: 'bold', size: 9.5, lineHeight: 13, color: INK },
  labelEn: { weight: 'regular', size: 7.5, lineHeight: 10, color: MUTED },
  text: { weight: 'regular', size: 9.5, lineHeight: 13, color: INK },
  code: { weight: 'regular', size: 8.5, lineHeight: 12, color: INK },
  note: { weight: 'regular', size: 8, lineHeight: 11, color: MUTED },
  body: { weight: 'regular', size: 8.5, lineHeight: 12.5, color: INK },
  small: { weight: 'regular', size: 7.5, lineHeight: 10.5, color: MUTED },
} as const satisfies Record<string, Style>;

/** A page being filled from the top, which a new page continues when it runs out. */
class Sheet {
  page: PDFPage;
  y: number;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Record<Weight, PDFFont>,
  ) {
    this.page = this.newPage();
    this.y = A4[1] - MARGIN;
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage(A4);
    // A double frame, as printed certificates have.
    page.drawRectangle({ x: 22, y: 22, width: A4[0] - 44, height: A4[1] - 44, borderColor: SEAL, borderWidth: 1.6 });
    page.drawRectangle({ x: 27, y: 27, width: A4[0] - 54, height: A4[1] - 54, borderColor: SEAL, borderWidth: 0.5 });
    return page;
  }

  /** Room for `height` more points, on a new page if this one has not got it. */
  need(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.newPage();
    this.y = A4[1] - MARGIN;
  }

  font(style: Style): PDFFont {
    return this.fonts[style.weight];
  }

  lines(text: string, style: Style, width: number, anywhere = false): string[] {
    const font = this.font(style);
    return wrap(text, (c) => font.widthOfTextAtSize(c, style.size), width, anywhere);
  }

  draw(text: string, style: Style, x: number, y: number): void {
    this.page.drawText(text, { x, y: y - style.size, size: style.size, font: this.font(style), color: style.color });
  }

  centred(text: string, style: Style): void {
    const width = this.font(style).widthOfTextAtSize(text, style.size);
    this.draw(text, style, (A4[0] - width) / 2, this.y);
    this.y -= style.lineHeight;
  }

  rule(): void {
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.4, color: RULE });
  }
}

const VALUE_STYLE = { text: STYLES.text, code: STYLES.code, note: STYLES.note } as const;

function drawRows(sheet: Sheet, content: CertificateContent): void {
  for (const row of content.rows) {
    const label = [
      ...sheet.lines(row.zh, STYLES.labelZh, LABEL_WIDTH).map((t) => ({ t, s: STYLES.labelZh })),
      ...sheet.lines(row.en, STYLES.labelEn, LABEL_WIDTH).map((t) => ({ t, s: STYLES.labelEn })),
    ];
    const values = row.values.flatMap((v: Value) =>
      sheet.lines(v.text, VALUE_STYLE[v.kind], VALUE_WIDTH, v.kind === 'code').map((t) => ({ t, s: VALUE_STYLE[v.kind] })),
    );
    const height = (lines: { s: Style }[]) => lines.reduce((h, l) => h + l.s.lineHeight, 0);
    const rowHeight = Math.max(height(label), height(values)) + 7;
    sheet.need(rowHeight);
    let y = sheet.y - 4;
    for (const { t, s } of label) {
      sheet.draw(t, s, MARGIN, y);
      y -= s.lineHeight;
    }
    y = sheet.y - 4;
    for (const { t, s } of values) {
      sheet.draw(t, s, VALUE_X, y);
      y -= s.lineHeight;
    }
    sheet.y -= rowHeight;
    sheet.rule();
  }
}

async function drawHowTo(sheet: Sheet, doc: PDFDocument, content: CertificateContent): Promise<void> {
  const textWidth = A4[0] - 2 * MARGIN - QR_SIZE - GAP;
  const paragraph = [
    ...sheet.lines(content.howTo.zh, STYLES.body, textWidth).map((t) => ({ t, s: STYLES.body })),
    { t: '', s: STYLES.small },
    ...sheet.lines(content.howTo.en, STYLES.body, textWidth).map((t) => ({ t, s: STYLES.body })),
  ];
  // Under the QR code, its link (broken anywhere, as a URL has no spaces); or why there is none.
  const caption =
    content.verifyUrl === undefined
      ? [...sheet.lines(content.noQr!.zh, STYLES.small, QR_SIZE), ...sheet.lines(content.noQr!.en, STYLES.small, QR_SIZE)]
      : [...sheet.lines(SCAN, STYLES.small, QR_SIZE), ...sheet.lines(content.verifyUrl, STYLES.small, QR_SIZE, true)];
  const height = Math.max(
    paragraph.reduce((h, l) => h + l.s.lineHeight, 0),
    (content.verifyUrl === undefined ? 0 : QR_SIZE + 4) + caption.length * STYLES.small.lineHeight,
  );
  sheet.y -= 10;
  sheet.need(height);
  let y = sheet.y;
  for (const { t, s } of paragraph) {
    if (t !== '') sheet.draw(t, s, MARGIN, y);
    y -= s.lineHeight;
  }
  const qrX = A4[0] - MARGIN - QR_SIZE;
  y = sheet.y;
  if (content.verifyUrl !== undefined) {
    const png = await QRCode.toBuffer(content.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
    const image = await doc.embedPng(png);
    sheet.page.drawImage(image, { x: qrX, y: y - QR_SIZE, width: QR_SIZE, height: QR_SIZE });
    y -= QR_SIZE + 4;
  }
  for (const t of caption) {
    sheet.draw(t, STYLES.small, qrX, y);
    y -= STYLES.small.lineHeight;
  }
  sheet.y -= height;
}

/** Every character the certificate draws in each weight: its fonts hold these and no others. */
function charactersOf(content: CertificateContent): Record<Weight, string> {
  const bold = [content.heading.zh, ...content.rows.map((r) => r.zh)];
  const regular = [
    content.heading.en,
    ...content.rows.flatMap((r) => [r.en, ...r.values.map((v) => v.text)]),
    content.howTo.zh,
    content.howTo.en,
    content.verifyUrl ?? '',
    content.noQr?.zh ?? '',
    content.noQr?.en ?? '',
    SCAN,
    content.footer.zh,
    content.footer.en,
  ];
  return { bold: bold.join(''), regular: regular.join('') };
}

/** The certificate as a one-page A4 PDF, the same bytes each time for the same input. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const content = certificateContent(input);
  const { entry } = input.certificate;
  const issued = new Date(entry.timestamp);
  // Without updateMetadata, pdf-lib stamps no time of its own: the dates are the entry's.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const characters = charactersOf(content);
  const fonts = {} as Record<Weight, PDFFont>;
  for (const weight of ['regular', 'bold'] as const) {
    const subset = await fontSubset(weight, characters[weight]);
    // Embedded whole (it is the subset already); ligatures off, so "fi" keeps its letters' widths.
    fonts[weight] = await doc.embedFont(subset.bytes, { subset: false, customName: subset.name, features: { liga: false } });
  }

  doc.setTitle(`${content.heading.zh} ${content.heading.en} ${content.number}`);
  doc.setSubject(`${input.title} · SHA-256 ${entry.contentDigest}`);
  doc.setAuthor('IP Hub');
  doc.setCreator('IP Hub evidence ledger');
  doc.setProducer('IP Hub (pdf-lib)');
  doc.setLanguage('zh-CN');
  doc.setKeywords(['存证证书', 'evidence deposit certificate', content.number, entry.contentDigest]);
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);

  const sheet = new Sheet(doc, fonts);
  sheet.y -= 4;
  sheet.centred(content.heading.zh, STYLES.title);
  sheet.centred(content.heading.en, STYLES.subtitle);
  sheet.y -= 10;
  sheet.rule();
  drawRows(sheet, content);
  await drawHowTo(sheet, doc, content);
  const footer = [...sheet.lines(content.footer.zh, STYLES.small, A4[0] - 2 * MARGIN), ...sheet.lines(content.footer.en, STYLES.small, A4[0] - 2 * MARGIN)];
  sheet.y -= 8;
  sheet.need(footer.length * STYLES.small.lineHeight);
  for (const line of footer) {
    sheet.draw(line, STYLES.small, MARGIN, sheet.y);
    sheet.y -= STYLES.small.lineHeight;
  }

  const attached = { creationDate: issued, modificationDate: issued, afRelationship: AFRelationship.Data };
  await doc.attach(new TextEncoder().encode(JSON.stringify(input.certificate, null, 2)), content.files.json, {
    ...attached,
    mimeType: 'application/json',
    description: 'The deposit certificate (iphub-certificate/v1): iphub verify and /verify check it offline',
  });
  await doc.attach(new TextEncoder().encode(input.tlogProof), content.files.tlogProof, {
    ...attached,
    mimeType: 'text/plain',
    description: 'The same proof as a C2SP tlog-proof@v1 file',
  });
  return doc.save({ useObjectStreams: false });
}
