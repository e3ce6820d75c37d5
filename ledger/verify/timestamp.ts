// RFC 3161 time-stamp tokens over checkpoint notes: reading one, and checking it as a court
// would (the CMS signature, the message imprint, the signer's chain to a root the verifier
// trusts at the token's time, the critical timeStamping extended key usage, the policy).
// Browser-safe: pkijs over WebCrypto, which a browser offers only to secure contexts.
import { sha256 } from '@noble/hashes/sha2.js';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

import { bytesEqual, bytesToHex, fromBase64, toBase64 } from '../bytes.js';

const ID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const ID_CT_TSTINFO = '1.2.840.113549.1.9.16.1.4';
const ID_SHA256 = '2.16.840.1.101.3.4.2.1';
const ID_CE_EXT_KEY_USAGE = '2.5.29.37';
const ID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

/** Not an RFC 3161 TimeStampToken (a CMS SignedData over a TSTInfo), or not one over SHA-256. */
export class TimestampError extends Error {
  override readonly name = 'TimestampError';
}

/** What a token states, before any check. */
export interface TokenInfo {
  /** When the TSA says the imprint existed (TSTInfo genTime), ISO 8601 UTC. */
  readonly genTime: string;
  /** The TSA's stated accuracy around genTime (ms), when it states one. */
  readonly accuracyMs?: number;
  /** The TSA: its name in the token, else its signing certificate's subject. */
  readonly tsa: string;
  /** The TSA policy the token was issued under (an OID). */
  readonly policy: string;
  /** The token's serial number, hex. */
  readonly serial: string;
  /** The nonce the request carried, hex, when the TSA echoed one. */
  readonly nonce?: string;
  /** The SHA-256 imprint: what the token is over, hex. */
  readonly imprint: string;
}

export interface TimestampTrust {
  /** The TSA root certificates the verifier trusts (DER), obtained other than from the hub. */
  readonly roots: readonly Uint8Array[];
  /** Policies (OIDs) the verifier accepts; any when empty or absent. */
  readonly policies?: readonly string[];
}

/** One token's verdict: `reasons` says each check that failed, plainly. */
export interface TokenVerdict {
  readonly ok: boolean;
  readonly reasons: readonly string[];
  readonly info?: TokenInfo;
}

interface Parsed {
  readonly signed: pkijs.SignedData;
  readonly tst: pkijs.TSTInfo;
}

function parseToken(token: Uint8Array): Parsed {
  let content: pkijs.ContentInfo;
  try {
    content = pkijs.ContentInfo.fromBER(Uint8Array.from(token));
  } catch {
    throw new TimestampError('not a time-stamp token: not DER-encoded CMS');
  }
  if (content.contentType !== ID_SIGNED_DATA) throw new TimestampError('not a time-stamp token: not a CMS SignedData');
  const signed = new pkijs.SignedData({ schema: content.content });
  const eContent = signed.encapContentInfo.eContent;
  if (signed.encapContentInfo.eContentType !== ID_CT_TSTINFO || eContent === undefined) {
    throw new TimestampError('not a time-stamp token: the signed content is not a TSTInfo');
  }
  let tst: pkijs.TSTInfo;
  try {
    tst = pkijs.TSTInfo.fromBER(eContent.getValue());
  } catch {
    throw new TimestampError('not a time-stamp token: its TSTInfo is malformed');
  }
  if (tst.messageImprint.hashAlgorithm.algorithmId !== ID_SHA256) {
    throw new TimestampError(`the token's imprint is not a SHA-256 (algorithm ${tst.messageImprint.hashAlgorithm.algorithmId})`);
  }
  return { signed, tst };
}

function signerOf(signed: pkijs.SignedData): pkijs.Certificate | undefined {
  const sid = signed.signerInfos[0]?.sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) return undefined;
  return signed.certificates?.find(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
  );
}

/** A distinguished name as people read one: "CN=Test TSA, O=IP Hub tests". */
function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  const short: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST' };
  return name.typesAndValues
    .map((tv) => `${short[tv.type] ?? tv.type}=${String((tv.value as { valueBlock?: { value?: unknown } }).valueBlock?.value ?? '')}`)
    .join(', ');
}

function accuracyMs(accuracy: pkijs.Accuracy | undefined): number | undefined {
  if (accuracy === undefined) return undefined;
  return (accuracy.seconds ?? 0) * 1000 + (accuracy.millis ?? 0) + (accuracy.micros ?? 0) / 1000;
}

const hexOf = (n: asn1js.Integer): string => bytesToHex(new Uint8Array(n.valueBlock.valueHexView));

function infoOf({ signed, tst }: Parsed): TokenInfo {
  const signer = signerOf(signed);
  const tsa =
    tst.tsa?.type === 4 ? nameOf(tst.tsa.value as pkijs.RelativeDistinguishedNames) : signer !== undefined ? nameOf(signer.subject) : 'an unnamed TSA';
  const accuracy = accuracyMs(tst.accuracy);
  return {
    genTime: tst.genTime.toISOString(),
    ...(accuracy === undefined ? {} : { accuracyMs: accuracy }),
    tsa,
    policy: tst.policy,
    serial: hexOf(tst.serialNumber),
    ...(tst.nonce === undefined ? {} : { nonce: hexOf(tst.nonce) }),
    imprint: bytesToHex(new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView)),
  };
}

/** What a token states, unchecked. Throws TimestampError when it is not a SHA-256 time-stamp token. */
export function readTimestampToken(token: Uint8Array): TokenInfo {
  return infoOf(parseToken(token));
}

/** The DER certificates of a PEM text (one or more `CERTIFICATE` blocks); throws when there is none or one is malformed. */
export function pemCertificates(pem: string): Uint8Array[] {
  const blocks = [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map((m) => m[1]!.replace(/\s+/g, ''));
  if (blocks.length === 0) throw new TimestampError('no PEM certificate (-----BEGIN CERTIFICATE-----) found');
  return blocks.map((b64) => {
    const der = fromBase64(b64);
    try {
      if (der === undefined) throw new TimestampError('not base64');
      pkijs.Certificate.fromBER(Uint8Array.from(der));
    } catch {
      throw new TimestampError('a PEM certificate is malformed');
    }
    return der;
  });
}

/** A DER certificate as PEM (RFC 7468). */
export function certificatePem(der: Uint8Array): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** The plain reason when this environment cannot check signatures (a browser page not served over HTTPS or from localhost). */
function cryptoMissing(): string | undefined {
  return globalThis.crypto?.subtle === undefined
    ? 'this browser offers no Web Crypto here (the page is not served over HTTPS or from localhost), so the token cannot be checked; use `iphub verify`'
    : undefined;
}

/** RFC 3161 section 2.3: the TSA's certificate carries one extended key usage, id-kp-timeStamping, marked critical. */
function ekuProblem(cert: pkijs.Certificate): string | undefined {
  const eku = cert.extensions?.find((e) => e.extnID === ID_CE_EXT_KEY_USAGE);
  if (eku === undefined) return "the TSA's certificate has no extended key usage: RFC 3161 requires id-kp-timeStamping, critical";
  const purposes = (eku.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (purposes.length !== 1 || purposes[0] !== ID_KP_TIME_STAMPING) {
    return `the TSA's certificate's extended key usage is ${purposes.join(', ') || 'empty'}, not id-kp-timeStamping alone (RFC 3161 section 2.3)`;
  }
  if (!eku.critical) return "the TSA's certificate's timeStamping extended key usage is not marked critical, as RFC 3161 section 2.3 requires";
  return undefined;
}

/** Signature over the signed attributes and the TSTInfo, as CMS (RFC 5652 section 5.6) says. */
async function signatureProblem(signed: pkijs.SignedData, message: Uint8Array): Promise<string | undefined> {
  try {
    const result = await signed.verify({ signer: 0, data: Uint8Array.from(message).buffer, checkChain: false, extendedMode: true });
    return result.signatureVerified === true
      ? undefined
      : "the token's CMS signature does not verify: the token was altered or not signed by its stated certificate";
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return /digest doesn't match|TSTInfo verification/i.test(detail)
      ? "the token's signed content does not match its signature: the token was altered"
      : `the token's CMS signature cannot be checked: ${detail}`;
  }
}

/** The signer's chain to a trusted root, each certificate valid at genTime (RFC 5280 section 6). */
async function chainProblem(signed: pkijs.SignedData, signer: pkijs.Certificate, at: Date, roots: readonly pkijs.Certificate[]): Promise<string | undefined> {
  if (at < signer.notBefore.value || at > signer.notAfter.value) {
    const [from, to] = [signer.notBefore.value.toISOString(), signer.notAfter.value.toISOString()];
    return at > signer.notAfter.value
      ? `the TSA's certificate expired at ${to}, before the token's time ${at.toISOString()}`
      : `the TSA's certificate was not yet valid (from ${from}) at the token's time ${at.toISOString()}`;
  }
  if (roots.length === 0) return 'no trusted TSA root certificate was given to check the TSA against';
  const certs = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const engine = new pkijs.CertificateChainValidationEngine({ trustedCerts: [...roots], certs: [...certs, signer], checkDate: at });
  const result = await engine.verify();
  return result.result ? undefined : `the TSA's certificate does not chain to a trusted root at the token's time (${result.resultMessage})`;
}

/**
 * Checks that `token` is an RFC 3161 token over SHA-256(`message`) by a TSA that chains to one of
 * `trust.roots`. Every check runs; each failure gives its reason.
 */
export async function verifyTimestampToken(token: Uint8Array, message: Uint8Array, trust: TimestampTrust): Promise<TokenVerdict> {
  let parsed: Parsed;
  try {
    parsed = parseToken(token);
  } catch (err) {
    return { ok: false, reasons: [err instanceof TimestampError ? err.message : 'the token is malformed'] };
  }
  const info = infoOf(parsed);
  const reasons: string[] = [];
  if (!bytesEqual(new Uint8Array(parsed.tst.messageImprint.hashedMessage.valueBlock.valueHexView), sha256(message))) {
    reasons.push(`the token is over another document (imprint ${info.imprint.slice(0, 16)}…), not over this checkpoint`);
  }
  const policies = trust.policies ?? [];
  if (policies.length > 0 && !policies.includes(info.policy))
    reasons.push(`the token was issued under policy ${info.policy}, not one accepted (${policies.join(', ')})`);
  const signer = signerOf(parsed.signed);
  if (signer === undefined) {
    reasons.push("the token does not carry its signer's certificate");
    return { ok: false, reasons, info };
  }
  const eku = ekuProblem(signer);
  if (eku !== undefined) reasons.push(eku);
  const missing = cryptoMissing();
  if (missing !== undefined) return { ok: false, reasons: [...reasons, missing], info };
  let roots: pkijs.Certificate[];
  try {
    roots = trust.roots.map((der) => pkijs.Certificate.fromBER(Uint8Array.from(der)));
  } catch {
    return { ok: false, reasons: [...reasons, 'a trusted TSA root certificate is malformed'], info };
  }
  const signature = await signatureProblem(parsed.signed, message);
  if (signature !== undefined) reasons.push(signature);
  const chain = await chainProblem(parsed.signed, signer, parsed.tst.genTime, roots);
  if (chain !== undefined) reasons.push(chain);
  return { ok: reasons.length === 0, reasons, info };
}

/** A TSA's stated accuracy as people read it: "±1 s", "±500 ms". */
export const formatAccuracy = (ms: number): string => `±${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}`;

/** "existed no later than 2026-12-07T21:53:00.000Z (±1 s) per CN=Test TSA" */
export function existedNoLaterThan(info: Pick<TokenInfo, 'genTime' | 'accuracyMs' | 'tsa'>): string {
  const accuracy = info.accuracyMs === undefined ? '' : ` (${formatAccuracy(info.accuracyMs)})`;
  return `existed no later than ${info.genTime}${accuracy} per ${info.tsa}`;
}
