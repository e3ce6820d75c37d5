// The offline verifier: runs in Node and in the browser, trusts nothing from the hub but the
// keys a caller passes in.
export { bytesToHex, fromBase64, fromHex, isHex } from '../bytes.js';
export type { Entry } from '../entry.js';
export { canonicalMetadata, computeEntryHash, computePayloadDigest, encodeEntry } from '../entry.js';
export { HASH_SIZE, hashChildren, hashLeaf } from '../hashing.js';
export type {
  Certificate,
  CheckName,
  CheckResult,
  InclusionProof,
  TokenCheck,
  TrustedTime,
  TrustedTimeOptions,
  TrustedTimeVerdict,
  Verdict,
  VerifyOptions,
} from './certificate.js';
export { CERTIFICATE_FORMAT, statedTrustedTimes, verifyCertificate, verifyTrustedTime } from './certificate.js';
export { certificateFromPdf, CertificatePdfError, readCertificateBytes } from './certificate-pdf.js';
export type { Checkpoint } from './checkpoint.js';
export { CheckpointError, formatCheckpoint, parseCheckpoint } from './checkpoint.js';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './merkle.js';
export type { NoteSignature, ParsedNote, VerifierKey } from './note.js';
export { ALG_COSIGNATURE_V1, ALG_ED25519, keyId, openNote, parseNote, parseVerifierKey, verifyNote } from './note.js';
export type { TimestampTrust, TokenInfo, TokenVerdict } from './timestamp.js';
export { certificatePem, existedNoLaterThan, formatAccuracy, pemCertificates, readTimestampToken, TimestampError, verifyTimestampToken } from './timestamp.js';
export { formatTlogProof, parseTlogProof, readCertificateFile, TLOG_PROOF_HEADER, TlogProofError } from './tlog-proof.js';
