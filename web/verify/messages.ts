// What the verification page says, in Chinese and in English: plain words for each check, so a
// judge can read the verdict without knowing what a Merkle tree is.
import { type CheckName, formatAccuracy } from '../../ledger/verify/index.js';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Facts a check's sentence may name. */
export interface Facts {
  readonly seq?: number;
  readonly treeSize?: number;
  readonly signer?: string;
  readonly minWitnesses?: number;
  /** The earliest trusted time a valid token attests. */
  readonly trustedTime?: { readonly genTime: number; readonly accuracyMs?: number; readonly tsa: string };
}

/** Beijing time for people, UTC ISO 8601 for the record. */
export function formatTime(ms: number): string {
  const local = new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return `${local}（北京时间）· ${new Date(ms).toISOString()}`;
}

/** " (±1 s)", or nothing when the TSA states no accuracy. */
export const accuracyText = (ms: number | undefined): string => (ms === undefined ? '' : ` (${formatAccuracy(ms)})`);

export const entries = (n: number | undefined): string => `${n} ${n === 1 ? 'entry' : 'entries'}`;

interface CheckText {
  readonly title: Bilingual;
  readonly pass: (f: Facts) => Bilingual;
  readonly fail: (f: Facts) => Bilingual;
}

/** The page's checks: the certificate's own, its trusted time, the hub lookup and the log's consistency since. */
export type PageCheck = CheckName | 'trustedTime' | 'deposit' | 'consistency';

export const CHECKS: Record<PageCheck, CheckText> = {
  deposit: {
    title: { zh: '查找存证', en: 'Deposit lookup' },
    pass: () => ({ zh: '中心有该文件的存证记录。', en: 'The centre holds a deposit of this file.' }),
    fail: () => ({
      zh: '中心没有该文件的存证记录：文件可能已被改动，或从未存证。',
      en: 'The centre holds no deposit of this file: it may have been changed, or was never deposited.',
    }),
  },
  digest: {
    title: { zh: '文件指纹', en: 'File fingerprint' },
    pass: () => ({ zh: '文件与存证时的文件完全一致（SHA-256 相同）。', en: 'The file is exactly the one deposited (the same SHA-256).' }),
    fail: () => ({
      zh: '文件与存证时的文件不一致：文件已被改动，或不是同一文件。',
      en: 'The file is not the one deposited: it was changed, or it is another file.',
    }),
  },
  entryHash: {
    title: { zh: '存证记录完整性', en: 'Deposit record' },
    pass: () => ({ zh: '存证记录（存证人、时间、内容指纹）完整，未被改动。', en: 'The deposit record (depositor, time, content fingerprint) is intact.' }),
    fail: () => ({ zh: '存证记录已被改动或损坏。', en: 'The deposit record was altered or is damaged.' }),
  },
  inclusion: {
    title: { zh: '账本收录', en: 'Ledger inclusion' },
    pass: (f) => ({
      zh: `该记录是账本第 ${f.seq} 条，收录在含 ${f.treeSize} 条记录的检查点中。`,
      en: `The record is entry ${f.seq} of the ledger, included in the checkpoint of ${entries(f.treeSize)}.`,
    }),
    fail: () => ({ zh: '无法证明该记录收录在账本中。', en: 'The record cannot be shown to be in the ledger.' }),
  },
  checkpointSignature: {
    title: { zh: '检查点签名', en: 'Checkpoint signature' },
    pass: (f) => ({ zh: `检查点由您信任的账本公钥 ${f.signer} 签名。`, en: `The checkpoint is signed with the ledger key you trust, ${f.signer}.` }),
    fail: () => ({ zh: '检查点没有您信任的账本公钥的有效签名。', en: 'The checkpoint carries no valid signature by a ledger key you trust.' }),
  },
  witnesses: {
    title: { zh: '见证人联署', en: 'Witness cosignatures' },
    pass: (f) => ({
      zh: `检查点已由至少 ${f.minWitnesses} 位您信任的独立见证人联署。`,
      en: `At least ${f.minWitnesses} independent witnesses you trust cosigned the checkpoint.`,
    }),
    fail: (f) => ({
      zh: `您信任的独立见证人联署不足 ${f.minWitnesses} 位。`,
      en: `Fewer than ${f.minWitnesses} independent witnesses you trust cosigned the checkpoint.`,
    }),
  },
  trustedTime: {
    title: { zh: '可信时间戳', en: 'Trusted timestamp' },
    pass: (f) => ({
      zh: `时间戳服务机构 ${f.trustedTime?.tsa} 证明：该记录不晚于 ${formatTime(f.trustedTime?.genTime ?? 0)}${accuracyText(f.trustedTime?.accuracyMs)} 已存在。`,
      en: `The timestamp authority ${f.trustedTime?.tsa} attests that the record existed no later than ${new Date(f.trustedTime?.genTime ?? 0).toISOString()}${accuracyText(f.trustedTime?.accuracyMs)}.`,
    }),
    fail: () => ({
      zh: '可信时间戳未通过核验（原因见技术说明），存证时间只能以账本自身的时间为准。',
      en: "The trusted timestamp did not verify (the technical account says why); the deposit's time rests on the ledger's own clock alone.",
    }),
  },
  consistency: {
    title: { zh: '账本未被改写', en: 'Ledger not rewritten' },
    pass: () => ({
      zh: '中心当前的账本仍包含此检查点，此后没有被改写。',
      en: "The centre's ledger today still contains this checkpoint: nothing was rewritten since.",
    }),
    fail: () => ({
      zh: '中心当前的账本与此检查点不一致，或无法取得证明。',
      en: "The centre's ledger today does not extend this checkpoint, or no proof could be had.",
    }),
  },
};

export const TEXT = {
  verified: { zh: '核验通过', en: 'Verified' },
  depositOnly: { zh: '存证记录有效，尚未核对文件', en: 'The deposit is on record; no file has been checked' },
  digestOnly: {
    zh: '存在以此指纹存证的记录。本页没有计算任何文件的指纹，因此不能说明您手中的文件就是存证的文件。',
    en: 'A deposit with this fingerprint is on record. No file was fingerprinted on this page, so nothing here shows that a file in hand is the one deposited.',
  },
  fileNeeded: {
    zh: '请选择或拖入手中的文件：本页将计算其指纹，与此存证核对。',
    en: 'Choose or drop the file you were given: this page fingerprints it and checks it against this deposit.',
  },
  notVerified: { zh: '核验未通过', en: 'Not verified' },
  depositor: { zh: '存证人', en: 'Depositor' },
  title: { zh: '标题', en: 'Title' },
  kind: { zh: '记录类型', en: 'Record kind' },
  time: { zh: '存证时间（账本时间）', en: "Deposited at (the ledger's time)" },
  trustedTime: { zh: '可信时间', en: 'Trusted time' },
  trustedTimePending: {
    zh: '尚未加盖：证书签发时时间戳服务机构尚未为其检查点出具时间戳，请稍后向中心重新获取证书',
    en: 'not yet: no timestamp authority had stamped its checkpoint when the certificate was issued; fetch it again from the centre later',
  },
  position: { zh: '账本位置', en: 'Ledger position' },
  checkpoint: { zh: '检查点', en: 'Checkpoint' },
  fileDigest: { zh: '文件指纹 (SHA-256)', en: 'File fingerprint (SHA-256)' },
  checkedAt: { zh: '核验时间', en: 'Checked at' },
  trustedKey: { zh: '所信任的账本公钥', en: 'Ledger key trusted' },
  file: { zh: '文件', en: 'File' },
  downloadJson: { zh: '下载证书 (JSON)', en: 'Download certificate (JSON)' },
  downloadTlogProof: { zh: '下载标准证明 (.tlog-proof)', en: 'Download the standard proof (.tlog-proof)' },
  downloadPrintable: { zh: '下载可打印页面', en: 'Download printable page' },
  print: { zh: '打印', en: 'Print' },
  report: { zh: '存证核验报告', en: 'Evidence verification report' },
  reverify: {
    zh: '任何人都可以用证书 JSON 离线复核：',
    en: 'Anyone can re-check this offline from the certificate JSON:',
  },
  badDigest: { zh: '请拖入文件，或粘贴 64 位十六进制的 SHA-256。', en: 'Drop the file, or paste its SHA-256 as 64 hex digits.' },
  readError: { zh: '无法读取文件', en: 'The file could not be read' },
  hashing: { zh: '正在本机计算文件指纹', en: 'Fingerprinting the file on this computer' },
  lookingUp: { zh: '正在查询存证', en: 'Looking up the deposit' },
  badCertificate: {
    zh: '证书文件不是 JSON 证书、PDF 存证证书或 c2sp.org/tlog-proof@v1 证明。',
    en: 'The certificate file is not a JSON certificate, a PDF certificate or a c2sp.org/tlog-proof@v1 proof.',
  },
  tsaRootsNote: {
    zh: '这些根证书由本中心提供。请与时间戳服务机构公布的根证书核对，或填入您另行取得的根证书。',
    en: 'These root certificates are as this hub states them. Compare them with those the timestamp authority publishes, or enter the ones you obtained elsewhere.',
  },
  badTsaRoots: {
    zh: '时间戳根证书须为 PEM 格式（-----BEGIN CERTIFICATE-----）。',
    en: 'The timestamp root certificates must be PEM (-----BEGIN CERTIFICATE-----).',
  },
  certificateLoaded: { zh: '已载入证书：在本页核验此证书，不再向中心索取', en: 'Certificate loaded: it is checked in this page, not fetched from the hub' },
  badMinWitnesses: { zh: '见证人数须为 0 或正整数。', en: 'The number of witnesses must be 0 or a whole number.' },
  keyFromHubCaveat: {
    zh: '仅按本中心自报的公钥核验：请填入您从中心公告等渠道另行取得的公钥，核验结果才不依赖于本中心。',
    en: "Checked only against the key this hub states for itself: enter the key you obtained elsewhere (the centre's public notice) for a verdict that does not rest on the hub.",
  },
  unverifiedFacts: {
    zh: '以下信息取自证书，未通过核验，不可采信。',
    en: 'These facts are what the certificate claims; they did not pass verification.',
  },
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '未通过', en: 'failed' },
  hubKeyNote: {
    zh: '此公钥由本中心提供。请与中心公布的公钥核对，或填入您另行取得的公钥。',
    en: 'This key is as this hub states it. Compare it with the key the centre publishes, or enter the one you obtained elsewhere.',
  },
  savedKeyNote: { zh: '此公钥已保存在本浏览器中。', en: 'This key is saved in this browser.' },
  savedRootsNote: { zh: '这些根证书已保存在本浏览器中。', en: 'These root certificates are saved in this browser.' },
  hubError: { zh: '无法查询中心', en: 'The hub could not be asked' },
} satisfies Record<string, Bilingual>;
