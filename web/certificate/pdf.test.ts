// The PDF deposit certificate (存证证书, issue 24), rendered from a real ledger's certificate: it
// carries the certificate, which verifies from the PDF alone; it stays under 200 KB and renders to
// the same bytes each time; Debian's poppler (pdftotext, pdftoppm) reads its Chinese and English
// text and digest, and zbar (zbarimg) its QR code's link to /verify, from a rendering of the page.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type Certificate, formatTlogProof, generateSigner, type Ledger, openLedger, openSqliteLedgerStore, verifierKey } from '../../ledger/index.js';
import { certificateFromPdf, readCertificateBytes } from '../../ledger/verify/index.js';
import { verifyCertificate } from '../../ledger/verify/index.js';
import { EVIDENCE_CATEGORIES } from '../../subgraphs/evidence/domain/model.js';
import { tempDir } from '../../test/support/tmp.js';
import { run, toolsPresent } from '../../test/support/tools.js';
import { categoryLabel, LABELLED_CATEGORIES } from './categories.js';
import { beijingTime, certificateNumber, type CertificatePdfInput, keyFingerprint } from './content.js';
import { renderCertificatePdf } from './pdf.js';

const PUBLIC_URL = 'https://iphub.example.cn';
const digestOf = (i: number) => `${i.toString(16).padStart(2, '0')}${'c0ffee'.repeat(10)}ab`;
const signer = generateSigner('iphub.test/certificate-pdf');

let dir: ReturnType<typeof tempDir>;
let ledger: Ledger;
let certificate: Certificate;
let input: CertificatePdfInput;
let pdf: Uint8Array;

beforeAll(async () => {
  dir = tempDir('iphub-certificate-pdf-');
  ledger = await openLedger({ store: openSqliteLedgerStore({ path: join(dir.path, 'ledger.db') }), signer });
  for (let i = 0; i < 6; i++) {
    await ledger.append({
      kind: 'EVIDENCE_DEPOSIT',
      subject: `evidence:${i}`,
      contentDigest: digestOf(i),
      depositor: 'e-huawei',
      metadata: { title: `采购合同 ${i}`, category: 'CONTRACT' },
    });
  }
  await ledger.checkpoint();
  certificate = await ledger.certificate(4);
  input = {
    certificate,
    depositorName: '华为技术有限公司',
    depositorCreditCode: '914403001922038216',
    title: '采购合同（第二版）Final supply agreement',
    category: categoryLabel('CONTRACT'),
    publicUrl: PUBLIC_URL,
    trustedTimes: [],
    tlogProof: formatTlogProof(certificate),
  };
  pdf = await renderCertificatePdf(input);
  writeFileSync(join(dir.path, 'certificate.pdf'), pdf);
}, 60_000);
afterAll(async () => {
  await ledger.close();
  dir.remove();
});

describe('the PDF certificate', () => {
  it('carries the certificate itself: read back from the PDF alone, it is the same and verifies', async () => {
    const read = await certificateFromPdf(pdf);
    expect(read).toStrictEqual(certificate);
    expect(verifyCertificate(read, { contentDigest: digestOf(4), trustedKeys: [verifierKey(signer)] }).ok).toBe(true);
    expect(verifyCertificate(read, { contentDigest: digestOf(5), trustedKeys: [verifierKey(signer)] }).checks.digest.ok).toBe(false);
    // Whatever form the file has: the PDF, the JSON, the tlog-proof.
    expect(await readCertificateBytes(pdf)).toStrictEqual(certificate);
    expect(await readCertificateBytes(new TextEncoder().encode(JSON.stringify(certificate)))).toStrictEqual(certificate);
    expect((await readCertificateBytes(new TextEncoder().encode(input.tlogProof))).entry).toStrictEqual(certificate.entry);
  });

  it('attaches the certificate and its tlog-proof under their names, with their types, and says what it is in its metadata', async () => {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    const number = certificateNumber(`iphub.test/certificate-pdf`, 4);
    expect(doc.getTitle()).toBe(`电子数据存证证书 Evidence Deposit Certificate ${number}`);
    expect(doc.getSubject()).toContain(digestOf(4));
    expect(doc.getCreator()).toBe('IP Hub evidence ledger');
    expect(doc.getProducer()).toBe('IP Hub (pdf-lib)');
    // Dated by the ledger's entry, not by when it was rendered.
    expect(doc.getCreationDate()?.getTime()).toBe(Math.floor(certificate.entry.timestamp / 1000) * 1000);
    const files = new TextDecoder().decode(pdf);
    expect(files).toContain('/Subtype /application#2Fjson');
    expect(files).toContain('/Subtype /text#2Fplain');
    expect(files).toContain('(iphub-certificate-4.json)');
    expect(files).toContain('(iphub-certificate-4.tlog-proof)');
  });

  it('is the same bytes each time it is rendered, and well under 200 KB', async () => {
    expect(await renderCertificatePdf(input)).toStrictEqual(pdf);
    expect(pdf.length).toBeLessThan(200 * 1024);
  });

  it('refuses a PDF that carries no certificate, saying so, and one that is not a PDF at all', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    await expect(certificateFromPdf(await plain.save())).rejects.toThrow(/this PDF carries no certificate: it has no attached files/);
    await plain.attach(new TextEncoder().encode('{"format":"something else"}'), 'notes.json', { mimeType: 'application/json' });
    await expect(certificateFromPdf(await plain.save())).rejects.toThrow(/none of its attached files \(notes\.json\) is an iphub-certificate\/v1 certificate/);
    await expect(certificateFromPdf(new TextEncoder().encode('%PDF-1.7 not really'))).rejects.toThrow(/the PDF cannot be read/);
    await expect(readCertificateBytes(new TextEncoder().encode('neither'))).rejects.toThrow(/neither a JSON certificate/);
  });

  it('numbers the certificate from the log and the entry, and fingerprints the key in groups of four', () => {
    expect(certificateNumber('iphub.example.cn/ledger', 42)).toMatch(/^IPH-[0-9A-F]{8}-0000000042$/);
    expect(certificateNumber('iphub.example.cn/ledger', 42)).toBe(certificateNumber('iphub.example.cn/ledger', 42));
    expect(certificateNumber('another.example/ledger', 42)).not.toBe(certificateNumber('iphub.example.cn/ledger', 42));
    expect(keyFingerprint(verifierKey(signer))).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    // China Standard Time is UTC+8 all year.
    expect(beijingTime(new Date('2026-01-31T16:00:00.000Z'))).toBe('2026-02-01 00:00:00.000');
  });

  it('labels every evidence category the API knows', () => {
    expect([...LABELLED_CATEGORIES].sort()).toEqual([...EVIDENCE_CATEGORIES].sort());
    expect(categoryLabel('SOURCE_CODE')).toBe('源代码 Source code');
    expect(categoryLabel('NEW_KIND')).toBe('NEW_KIND');
  });
});

const tools = toolsPresent(['pdftotext', 'pdftoppm', 'zbarimg'], 'reading the PDF certificate with poppler and zbar');

describe.skipIf(!tools)('the PDF certificate as Debian’s poppler and zbar read it', () => {
  /**
   * The page's text as pdftotext reads it, in the three forms a phrase wrapped across lines can be
   * found in: as it is, its lines run together (a key or a link broken anywhere) and its white
   * space made one space (English broken at a space).
   */
  const text = async (file: string) => {
    const read = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).toString('utf8');
    return [read, read.replace(/\n/g, ''), read.replace(/\s+/g, ' ')].join('\n\n');
  };
  /** The QR codes zbarimg finds on the page rendered at 150 dpi. */
  const qrCodes = async (file: string) => {
    const prefix = join(dir.path, 'page');
    await run('pdftoppm', ['-r', '150', '-png', '-singlefile', file, prefix]);
    try {
      return (await run('zbarimg', ['-q', '--raw', `${prefix}.png`])).toString('utf8').trim().split('\n');
    } catch {
      return []; // zbarimg exits 4 when it finds no code.
    }
  };

  it('has its text in Chinese and English: the labels, the depositor, the title, the digest, the times, the log position and the key', async () => {
    const found = await text(join(dir.path, 'certificate.pdf'));
    for (const label of [
      '电子数据存证证书',
      'Evidence Deposit Certificate',
      '存证编号',
      'Certificate No.',
      '存证方',
      'Depositor',
      '存证名称',
      '存证类别',
      '合同 Contract',
      '文件 SHA-256 指纹',
      '账本记录时间',
      'Ledger time',
      '可信时间',
      'Trusted time',
      '账本位置',
      'Log position',
      '签名检查点',
      '账本公钥指纹',
      '华为技术有限公司',
      '914403001922038216',
      '采购合同（第二版）Final supply agreement',
      certificateNumber('iphub.test/certificate-pdf', 4),
      `${beijingTime(new Date(certificate.entry.timestamp))} 北京时间`,
      new Date(certificate.entry.timestamp).toISOString(),
      'Not yet timestamped by a timestamp authority (TSA)',
      'entry 4 (from 0) of a tree of 6 entries',
      'iphub.test/certificate-pdf',
      keyFingerprint(verifierKey(signer)),
      certificate.verifierKey,
      'iphub verify --file FILE --certificate this.pdf',
    ]) {
      expect(found, label).toContain(label);
    }
    // The digests in full (a line holds each).
    expect(found).toContain(digestOf(4));
    expect(found).toContain(certificate.entry.entryHash);
    // The whole text was drawn with glyphs poppler maps back to it: no character lost to the subset.
    expect(found).not.toMatch(/\uFFFD/);
  });

  it('has a QR code, read from the page rendered at 150 dpi, leading to /verify for the digest', async () => {
    expect(await qrCodes(join(dir.path, 'certificate.pdf'))).toEqual([`${PUBLIC_URL}/verify?digest=${digestOf(4)}`]);
  });

  it('without a public URL, has no QR code and says why; with trusted times, states each', async () => {
    const file = join(dir.path, 'no-url.pdf');
    writeFileSync(
      file,
      await renderCertificatePdf({
        ...input,
        publicUrl: undefined,
        trustedTimes: [
          { genTime: '2026-03-01T02:03:04.000Z', accuracyMs: 1000, tsa: 'TSA One' },
          { genTime: '2026-03-01T02:03:05.000Z', tsa: '中国时间戳中心' },
        ],
      }),
    );
    expect(await qrCodes(file)).toEqual([]);
    const found = await text(file);
    expect(found).toContain('No public URL is configured (IPHUB_PUBLIC_URL): this certificate has no QR code.');
    expect(found).toContain('existed no later than 2026-03-01T02:03:04.000Z (±1 s) per TSA One');
    expect(found).toContain('不晚于 2026-03-01 10:03:05.000 北京时间已存在，据 中国时间戳中心');
    expect(found).not.toContain('Not yet timestamped');
    expect(found).not.toContain(`${PUBLIC_URL}/verify`);
    expect(readFileSync(file).length).toBeLessThan(200 * 1024);
  });
});
