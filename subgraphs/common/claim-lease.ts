// How long a claim made before signing holds (a case's move, a pledge's closing): the claim is
// stored before the ledger entry is appended, and one older than the lease is a dead request's,
// which the next request takes over.

/** Well past a ledger append's time limit: a request still alive has finished its append by then. */
export const CLAIM_LEASE_MS = 60_000;

/** The time before which a claim is stale, for a claim made now. */
export const staleBefore = (now = Date.now()): string => new Date(now - CLAIM_LEASE_MS).toISOString();
