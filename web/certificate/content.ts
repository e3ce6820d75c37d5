// What a PDF deposit certificate (存证证书) says, before it is laid out: its number, each labelled
// row (Chinese first, then English), the how-to-verify paragraph and the link its QR code holds.
// web/certificate/pdf.ts draws it.
import { createHash } from 'node:crypto';

import { bytesToHex, type Certificate, existedNoLaterThan, formatAccuracy, parseCheckpoint, type TokenInfo } from '../../ledger/verify/index.js';

/** A trusted time a timestamp authority (RFC 3161) gave the checkpoint covering the deposit: what its token states. */
export type TrustedTimeLine = Pick<TokenInfo, 'genTime' | 'accuracyMs' | 'tsa'>;

export interface CertificatePdfInput {
  /** The iphub-certificate/v1 the PDF shows and carries. */
  readonly certificate: Certificate;
  readonly depositorName: string;
  /** The depositor's unified social credit code (统一社会信用代码), when known. */
  readonly depositorCreditCode?: string;
  readonly title: string;
  /** The category as a person reads it, Chinese and English (合同 Contract). */
  readonly category: string;
  /** The hub's public base URL (IPHUB_PUBLIC_URL), without a trailing slash; no QR code without it. */
  readonly publicUrl: string | undefined;
  readonly trustedTimes: readonly TrustedTimeLine[];
  /** The certificate as a C2SP tlog-proof@v1 file, attached beside it. */
  readonly tlogProof: string;
}

/** How a value breaks across lines: text at spaces and between CJK characters, a code anywhere. */
export type ValueKind = 'text' | 'code' | 'note';

export interface Value {
  readonly text: string;
  readonly kind: ValueKind;
}

export interface Row {
  readonly zh: string;
  readonly en: string;
  readonly values: readonly Value[];
}

export interface CertificateContent {
  readonly number: string;
  readonly heading: { readonly zh: string; readonly en: string };
  readonly rows: readonly Row[];
  readonly howTo: { readonly zh: string; readonly en: string };
  /** What the QR code holds: `<publicUrl>/verify?digest=<hex>`; absent without a public URL. */
  readonly verifyUrl?: string;
  /** Said where the QR code would be, when there is none. */
  readonly noQr?: { readonly zh: string; readonly en: string };
  readonly footer: { readonly zh: string; readonly en: string };
  /** The attachments' file names. */
  readonly files: { readonly json: string; readonly tlogProof: string };
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The certificate's number: `IPH-`, the first 8 hex digits (upper case) of the SHA-256 of the
 * log's origin line, `-`, the entry's seq padded to 10 digits. The same entry of the same log has
 * the same number however often its certificate is issued; the entry is found again by its seq.
 */
export function certificateNumber(origin: string, seq: number): string {
  return `IPH-${sha256Hex(origin).slice(0, 8).toUpperCase()}-${String(seq).padStart(10, '0')}`;
}

/** The verifier key's fingerprint: SHA-256 of the key as written (UTF-8), hex in groups of four. */
export function keyFingerprint(verifierKey: string): string {
  return sha256Hex(verifierKey).match(/.{4}/g)!.join(' ');
}

// China Standard Time: UTC+8 the whole year (no daylight saving since 1991).
const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Beijing time, `YYYY-MM-DD HH:mm:ss.SSS`. */
export function beijingTime(instant: Date): string {
  const p = Object.fromEntries(BEIJING.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}.${String(instant.getUTCMilliseconds()).padStart(3, '0')}`;
}

const text = (t: string): Value => ({ text: t, kind: 'text' });
const code = (t: string): Value => ({ text: t, kind: 'code' });
const note = (t: string): Value => ({ text: t, kind: 'note' });

function trustedTimeValues(times: readonly TrustedTimeLine[]): Value[] {
  if (times.length === 0) return [text('尚未由时间戳服务机构（TSA）加盖可信时间戳'), note('Not yet timestamped by a timestamp authority (TSA)')];
  return times.flatMap((t) => {
    const accuracy = t.accuracyMs === undefined ? '' : `（${formatAccuracy(t.accuracyMs)}）`;
    return [text(`不晚于 ${beijingTime(new Date(t.genTime))} 北京时间${accuracy}已存在，据 ${t.tsa}`), note(existedNoLaterThan(t))];
  });
}

/** Everything the certificate says, from its input. */
export function certificateContent(input: CertificatePdfInput): CertificateContent {
  const { certificate, publicUrl } = input;
  const { entry, inclusion } = certificate;
  const checkpoint = parseCheckpoint(certificate.checkpoint);
  const number = certificateNumber(checkpoint.origin, entry.seq);
  const at = new Date(entry.timestamp);
  const verifyUrl = publicUrl === undefined ? undefined : `${publicUrl}/verify?digest=${entry.contentDigest}`;
  const files = { json: `iphub-certificate-${entry.seq}.json`, tlogProof: `iphub-certificate-${entry.seq}.tlog-proof` };
  const verifyAt = verifyUrl === undefined ? '本中心的 /verify 页面' : `${publicUrl}/verify`;
  const verifyAtEn = verifyUrl === undefined ? "the centre's /verify page" : `${publicUrl}/verify`;
  const rows: Row[] = [
    { zh: '存证编号', en: 'Certificate No.', values: [code(number)] },
    {
      zh: '存证方',
      en: 'Depositor',
      values: [
        text(input.depositorName),
        ...(input.depositorCreditCode === undefined ? [] : [text(`统一社会信用代码 Unified social credit code: ${input.depositorCreditCode}`)]),
      ],
    },
    { zh: '存证名称', en: 'Title', values: [text(input.title)] },
    { zh: '存证类别', en: 'Category', values: [text(input.category)] },
    { zh: '文件 SHA-256 指纹', en: "File's SHA-256 digest", values: [code(entry.contentDigest)] },
    {
      zh: '账本记录时间',
      en: 'Ledger time',
      values: [text(`${beijingTime(at)} 北京时间（Asia/Shanghai, UTC+8）`), note(`${at.toISOString()} (UTC), by the ledger's own clock`)],
    },
    { zh: '可信时间', en: 'Trusted time', values: trustedTimeValues(input.trustedTimes) },
    {
      zh: '账本位置',
      en: 'Log position',
      values: [
        text(`第 ${entry.seq} 条记录（自 0 起），所在树共 ${inclusion.treeSize} 条`),
        note(`entry ${entry.seq} (from 0) of a tree of ${inclusion.treeSize} entries`),
      ],
    },
    { zh: '条目哈希', en: 'Entry hash', values: [code(entry.entryHash)] },
    {
      zh: '签名检查点',
      en: 'Signed checkpoint',
      values: [
        text(`来源 origin: ${checkpoint.origin}`),
        text(`树大小 tree size: ${checkpoint.size}`),
        text('根哈希 root hash:'),
        code(bytesToHex(checkpoint.rootHash)),
      ],
    },
    { zh: '账本公钥指纹', en: 'Ledger key fingerprint (SHA-256)', values: [code(keyFingerprint(certificate.verifierKey))] },
    { zh: '账本公钥', en: 'Ledger verifier key', values: [code(certificate.verifierKey)] },
  ];
  return {
    number,
    heading: { zh: '电子数据存证证书', en: 'Evidence Deposit Certificate' },
    rows,
    howTo: {
      zh: `核验方法：本 PDF 内附存证证书（${files.json}）及标准离线证明（${files.tlogProof}）。请在 ${verifyAt} 选择原文件并载入本 PDF，或运行 iphub verify --file 原文件 --certificate 本证书.pdf；核验只信任中心另行公布的账本公钥，并核对上方的公钥指纹。`,
      en: `How to verify: this PDF carries its certificate (${files.json}) and the standard offline proof (${files.tlogProof}) as attached files. Open ${verifyAtEn}, choose the original file and load this PDF, or run iphub verify --file FILE --certificate this.pdf. Trust only the ledger key the centre publishes elsewhere, and compare its fingerprint above.`,
    },
    ...(verifyUrl === undefined
      ? {
          noQr: {
            zh: '未配置公开网址（IPHUB_PUBLIC_URL），本证书不附核验二维码。',
            en: 'No public URL is configured (IPHUB_PUBLIC_URL): this certificate has no QR code.',
          },
        }
      : { verifyUrl }),
    footer: {
      zh: `本证书由 IP Hub 依据账本记录生成；证书编号 ${number}。`,
      en: `Issued by IP Hub from its evidence ledger; certificate No. ${number}.`,
    },
    files,
  };
}
