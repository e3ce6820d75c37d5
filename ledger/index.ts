// The evidence ledger's public API: the only way into the ledger from outside ledger/ (the
// browser-safe verifier has its own, ledger/verify/index.ts).
export type { AppendInput, Entry, EntryKind, Metadata } from './entry.js';
export { canonicalMetadata, computeEntryHash, documentDigest, encodeEntry, ENTRY_KINDS, GENESIS_HASH, LedgerInputError, MAX_METADATA_BYTES } from './entry.js';
export { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf, sha256 } from './hashing.js';
export type { AuditReport, ConsistencyProof, Ledger, LedgerOptions, LedgerStats, Receipt } from './ledger.js';
export { LedgerUnavailableError, openLedger } from './ledger.js';
export type { HashStore } from './merkle/tree.js';
export { MemoryHashStore, MerkleTree } from './merkle/tree.js';
export type { Signer } from './note.js';
export { cosignNote, generateSigner, NoteError, signerFromKey, signerFromSeed, signerKey, signNote, verifierKey } from './note.js';
export type { MongoLedgerStoreOptions } from './store/mongodb.js';
export { openMongoLedgerStore } from './store/mongodb.js';
export type { LedgerLocation } from './store/open.js';
export { openLedgerStore } from './store/open.js';
export type { LedgerStore, StoredCheckpoint, StoredEntry, StoredTimestamp, StoreHead } from './store/port.js';
export { SequenceConflictError } from './store/port.js';
export type { SqliteLedgerStoreOptions, SqliteSync } from './store/sqlite.js';
export { openSqliteLedgerStore } from './store/sqlite.js';
export type { TimestampOptions } from './timestamps.js';
export type { Certificate, InclusionProof, TrustedTime, TrustedTimeVerdict, Verdict } from './verify/certificate.js';
export { verifyCertificate, verifyTrustedTime } from './verify/certificate.js';
export type { Checkpoint } from './verify/checkpoint.js';
export { CheckpointError, formatCheckpoint, parseCheckpoint } from './verify/checkpoint.js';
export { verifyConsistency, verifyInclusion } from './verify/merkle.js';
export { verifyNote } from './verify/note.js';
export { pemCertificates } from './verify/timestamp.js';
export { formatTlogProof } from './verify/tlog-proof.js';
