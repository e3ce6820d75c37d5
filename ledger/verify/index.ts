// The offline verifier: runs in Node and in the browser, trusts nothing from the hub but the
// keys a caller passes in.
export type { Entry } from '../entry.js';
export { canonicalMetadata, computeEntryHash, computePayloadDigest, encodeEntry } from '../entry.js';
export { hashChildren, hashLeaf } from '../hashing.js';
export type { Certificate, CheckName, CheckResult, InclusionProof, Verdict, VerifyOptions } from './certificate.js';
export { CERTIFICATE_FORMAT, verifyCertificate } from './certificate.js';
export type { Checkpoint } from './checkpoint.js';
export { CheckpointError, formatCheckpoint, parseCheckpoint } from './checkpoint.js';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './merkle.js';
export type { NoteSignature, ParsedNote, VerifierKey } from './note.js';
export { keyId, openNote, parseNote, parseVerifierKey, verifyNote } from './note.js';
