// The offline verifier: runs in Node and in the browser, trusts nothing from the hub but the
// keys a caller passes in.
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './merkle.js';
export { verifyNote, openNote, parseNote, parseVerifierKey, keyId } from './note.js';
export type { VerifierKey, NoteSignature, ParsedNote } from './note.js';
export { formatCheckpoint, parseCheckpoint, CheckpointError } from './checkpoint.js';
export type { Checkpoint } from './checkpoint.js';
export { verifyCertificate, CERTIFICATE_FORMAT } from './certificate.js';
export type { Certificate, InclusionProof, Verdict, CheckResult, CheckName, VerifyOptions } from './certificate.js';
export { computeEntryHash, computePayloadDigest, canonicalMetadata, encodeEntry } from '../entry.js';
export type { Entry } from '../entry.js';
export { hashLeaf, hashChildren } from '../hashing.js';
