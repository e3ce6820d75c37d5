// The finance subgraph's repositories on its own SQLite database. An asset is in at most one
// active pledge because active_pledged_assets has it as primary key, written in the pledge's
// own transaction. The writes that report events put their notifications in the outbox table in
// that same transaction. A database from before the pledgees' consents or the outbox gains their
// tables when opened.
import type Database from 'better-sqlite3';

import type { Receipt } from '../../../ledger/index.js';
import type { Notification } from '../../../outbox/notification.js';
import { sqliteOutbox } from '../../../outbox/sqlite.js';
import { hubTimeZone, monthOf } from '../../../platform/hub-calendar.js';
import { countsOf, groupedByKey, hasColumn, inKeyOrder, inListQuery, listPages, monthCountsInZone } from '../../../platform/sqlite.js';
import type {
  AppliedAmendment,
  AssetRef,
  AuthorityRegistration,
  ClaimRecord,
  ConsentRecord,
  NewPledge,
  NewPolicy,
  PendingAmendment,
  PledgeEvent,
  PledgeRecord,
  PolicyRecord,
} from '../domain/model.js';
import { assetKey, MAX_AMENDMENTS } from '../domain/model.js';
import { type CollateralKind, collateralKind, formatRegistrationNumber, type PledgeState, registrationYear } from '../domain/pledge-rules.js';
import type { AmendmentOutcome, AuthorityOutcome, CloseClaim, ConsentOutcome, FinanceStore } from './port.js';
import { AssetAlreadyPledgedError } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pledges (
  id TEXT PRIMARY KEY,
  registration_number TEXT NOT NULL UNIQUE,
  pledgor_id TEXT NOT NULL,
  pledgee TEXT NOT NULL,
  collateral TEXT NOT NULL,
  secured_amount_fen INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  state TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  closed_at TEXT,
  registration_receipt TEXT,
  release_receipt TEXT,
  enforcement TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pledges_by_pledgor ON pledges (pledgor_id, registered_at);
CREATE INDEX IF NOT EXISTS pledges_by_pledgee ON pledges (pledgee, id);
CREATE INDEX IF NOT EXISTS pledges_by_state ON pledges (state, id);
CREATE TABLE IF NOT EXISTS pledge_collateral (
  asset_key TEXT NOT NULL,
  pledge_id TEXT NOT NULL REFERENCES pledges (id),
  PRIMARY KEY (asset_key, pledge_id)
);
CREATE TABLE IF NOT EXISTS active_pledged_assets (
  asset_key TEXT PRIMARY KEY,
  pledge_id TEXT NOT NULL REFERENCES pledges (id)
);
CREATE INDEX IF NOT EXISTS active_pledged_assets_by_pledge ON active_pledged_assets (pledge_id);
CREATE TABLE IF NOT EXISTS pledge_events (
  pledge_id TEXT NOT NULL REFERENCES pledges (id),
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (pledge_id, n)
);
CREATE TABLE IF NOT EXISTS pledge_consents (
  pledge_id TEXT NOT NULL REFERENCES pledges (id),
  n INTEGER NOT NULL,
  id TEXT NOT NULL UNIQUE,
  asset_kind TEXT NOT NULL,
  asset_id TEXT NOT NULL,
  disposal TEXT NOT NULL,
  counterparty_id TEXT NOT NULL,
  granted_at TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (pledge_id, n)
);
CREATE TABLE IF NOT EXISTS pledge_registration_counters (
  year INTEGER PRIMARY KEY,
  n INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS insurance_policies (
  id TEXT PRIMARY KEY,
  product TEXT NOT NULL,
  insurer TEXT NOT NULL,
  insured_id TEXT NOT NULL,
  covered_assets TEXT NOT NULL,
  premium_fen INTEGER NOT NULL,
  sum_insured_fen INTEGER NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS policies_by_insured ON insurance_policies (insured_id, issued_at);
CREATE TABLE IF NOT EXISTS policy_covered_assets (
  asset_key TEXT NOT NULL,
  policy_id TEXT NOT NULL REFERENCES insurance_policies (id),
  PRIMARY KEY (asset_key, policy_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS policies_by_insurer ON insurance_policies (insurer, id);
CREATE TABLE IF NOT EXISTS insurance_claims (
  id TEXT PRIMARY KEY,
  policy_id TEXT NOT NULL REFERENCES insurance_policies (id),
  amount_fen INTEGER NOT NULL,
  status TEXT NOT NULL,
  protection_case_id TEXT,
  filed_at TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  settled_at TEXT,
  settled_by TEXT
);
CREATE INDEX IF NOT EXISTS claims_by_policy ON insurance_claims (policy_id, filed_at);
`;

// Pledges per month registered and pledgee (with their secured amounts), and per state, counted
// in the writer's transaction: the statistics read a row per pair or state, however many pledges
// there are. A database from before them counts its rows once.
const COUNTERS = `
CREATE TABLE IF NOT EXISTS pledge_month_counts (
  month TEXT NOT NULL,
  pledgee TEXT NOT NULL,
  n INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL,
  PRIMARY KEY (month, pledgee)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pledge_state_counts (
  state TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
`;
// Pledges registered, and their secured amounts, by the kind of their collateral (collateralKind):
// counted in the writer's transaction since 2026-12, a database from before counting its rows once.
const KIND_COUNTERS = `
CREATE TABLE IF NOT EXISTS pledge_kind_counts (
  kind TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  amount_fen INTEGER NOT NULL
) WITHOUT ROWID;
`;
// What changed when, for syncs (updatedSince). A database from before it dates each record by its
// last change the rows still show.
const CHANGES = `
CREATE INDEX IF NOT EXISTS pledges_by_change ON pledges (updated_at, id);
CREATE INDEX IF NOT EXISTS pledges_by_pledgee_change ON pledges (pledgee, updated_at, id);
CREATE INDEX IF NOT EXISTS policies_by_change ON insurance_policies (updated_at, id);
CREATE INDEX IF NOT EXISTS policies_by_insurer_change ON insurance_policies (insurer, updated_at, id);
`;
const DATED_FROM_ROWS = `
ALTER TABLE pledges ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE pledges SET updated_at = max(registered_at, coalesce(closed_at, ''), coalesce((SELECT max(at) FROM pledge_events e WHERE e.pledge_id = pledges.id), ''));
ALTER TABLE insurance_policies ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE insurance_policies SET updated_at = max(issued_at, coalesce((SELECT max(max(filed_at, coalesce(settled_at, ''))) FROM insurance_claims c WHERE c.policy_id = insurance_policies.id), ''));
`;
const JOINT = `
ALTER TABLE pledges ADD COLUMN pledgee_kind TEXT NOT NULL DEFAULT 'BANK';
ALTER TABLE pledges ADD COLUMN application TEXT;
ALTER TABLE pledges ADD COLUMN authority_registration TEXT;
ALTER TABLE pledges ADD COLUMN pending_amendment TEXT;
ALTER TABLE pledges ADD COLUMN amendments TEXT NOT NULL DEFAULT '[]';
`;
const COUNTS_FROM_ROWS = `
INSERT INTO pledge_state_counts (state, n) SELECT state, count(*) FROM pledges GROUP BY 1;
`;

interface PledgeRow {
  id: string;
  registration_number: string;
  pledgor_id: string;
  pledgee: string;
  collateral: string;
  secured_amount_fen: number;
  start_date: string;
  end_date: string;
  state: string;
  registered_at: string;
  closed_at: string | null;
  registration_receipt: string | null;
  release_receipt: string | null;
  enforcement: string | null;
  updated_at: string;
  acknowledged_risks: string;
  pledgee_kind: string;
  application: string | null;
  authority_registration: string | null;
  pending_amendment: string | null;
  amendments: string;
}

interface EventRow {
  pledge_id: string;
  at: string;
  actor: string;
  role: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
}

interface ConsentRow {
  pledge_id: string;
  id: string;
  asset_kind: string;
  asset_id: string;
  disposal: string;
  counterparty_id: string;
  granted_at: string;
  granted_by: string;
  note: string | null;
  outside_counterparty: string | null;
}

interface PolicyRow {
  id: string;
  product: string;
  insurer: string;
  insured_id: string;
  covered_assets: string;
  premium_fen: number;
  sum_insured_fen: number;
  start_date: string;
  end_date: string;
  issued_at: string;
  updated_at: string;
}

interface ClaimRow {
  id: string;
  policy_id: string;
  amount_fen: number;
  status: string;
  protection_case_id: string | null;
  filed_at: string;
  filed_by: string;
  settled_at: string | null;
  settled_by: string | null;
}

const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));
const parsed = <T>(s: string | null): T | null => (s === null ? null : (JSON.parse(s) as T));

const toPledge = (r: PledgeRow): PledgeRecord => ({
  id: r.id,
  registrationNumber: r.registration_number,
  pledgorId: r.pledgor_id,
  pledgee: r.pledgee,
  pledgeeKind: r.pledgee_kind as PledgeRecord['pledgeeKind'],
  application: parsed(r.application),
  authorityRegistration: parsed(r.authority_registration),
  pendingAmendment: parsed(r.pending_amendment),
  amendments: JSON.parse(r.amendments) as PledgeRecord['amendments'],
  collateral: JSON.parse(r.collateral) as PledgeRecord['collateral'],
  acknowledgedRisks: JSON.parse(r.acknowledged_risks) as PledgeRecord['acknowledgedRisks'],
  securedAmountFen: r.secured_amount_fen,
  term: { startDate: r.start_date, endDate: r.end_date },
  state: r.state as PledgeRecord['state'],
  registeredAt: r.registered_at,
  closedAt: r.closed_at,
  registrationReceipt: parsed(r.registration_receipt),
  releaseReceipt: parsed(r.release_receipt),
  enforcement: parsed(r.enforcement),
  updatedAt: r.updated_at,
});

const toEvent = (r: EventRow): PledgeEvent => ({
  at: r.at,
  actor: r.actor,
  role: r.role as PledgeEvent['role'],
  from: r.from_state as PledgeEvent['from'],
  to: r.to_state as PledgeEvent['to'],
  note: r.note,
});

const toConsent = (r: ConsentRow): ConsentRecord => ({
  id: r.id,
  pledgeId: r.pledge_id,
  asset: { kind: r.asset_kind as AssetRef['kind'], id: r.asset_id },
  disposal: r.disposal as ConsentRecord['disposal'],
  counterpartyId: r.counterparty_id,
  outsideCounterparty: parsed(r.outside_counterparty),
  grantedAt: r.granted_at,
  grantedBy: r.granted_by,
  note: r.note,
});

const toPolicy = (r: PolicyRow): PolicyRecord => ({
  id: r.id,
  product: r.product as PolicyRecord['product'],
  insurer: r.insurer,
  insuredId: r.insured_id,
  coveredAssets: JSON.parse(r.covered_assets) as PolicyRecord['coveredAssets'],
  premiumFen: r.premium_fen,
  sumInsuredFen: r.sum_insured_fen,
  period: { startDate: r.start_date, endDate: r.end_date },
  issuedAt: r.issued_at,
  updatedAt: r.updated_at,
});

const toClaim = (r: ClaimRow): ClaimRecord => ({
  id: r.id,
  policyId: r.policy_id,
  amountFen: r.amount_fen,
  status: r.status as ClaimRecord['status'],
  protectionCaseId: r.protection_case_id,
  filedAt: r.filed_at,
  filedBy: r.filed_by,
  settledAt: r.settled_at,
  settledBy: r.settled_by,
});

export function openSqliteFinanceStore(db: Database.Database): FinanceStore {
  db.exec(SCHEMA);
  db.transaction(() => {
    const counted = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pledge_month_counts'`).get() !== undefined;
    db.exec(COUNTERS);
    if (!counted) db.exec(COUNTS_FROM_ROWS);
    if (!hasColumn(db, 'pledges', 'updated_at')) db.exec(DATED_FROM_ROWS);
    const kindsCounted = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pledge_kind_counts'`).get() !== undefined;
    db.exec(KIND_COUNTERS);
    if (!kindsCounted) {
      const add = db.prepare(
        'INSERT INTO pledge_kind_counts (kind, n, amount_fen) VALUES (?, 1, ?) ON CONFLICT DO UPDATE SET n = n + 1, amount_fen = amount_fen + excluded.amount_fen',
      );
      const rows = db.prepare<[], { collateral: string; fen: number }>('SELECT collateral, secured_amount_fen AS fen FROM pledges');
      // Read first: better-sqlite3 runs no write while a read iterates.
      for (const r of rows.all()) add.run(collateralKind(JSON.parse(r.collateral) as AssetRef[]), r.fen);
    }
    // Claims on closing (2026-12): none held on a pledge from before.
    if (!hasColumn(db, 'pledges', 'closing')) db.exec('ALTER TABLE pledges ADD COLUMN closing TEXT');
    // Acknowledged risks (2026-12): a pledge from before acknowledged none.
    if (!hasColumn(db, 'pledges', 'acknowledged_risks')) db.exec(`ALTER TABLE pledges ADD COLUMN acknowledged_risks TEXT NOT NULL DEFAULT '[]'`);
    // Joint applications, guarantors, the authority's registration and amendments (2026-12): a pledge
    // from before was a bank's, applied for by it alone, never amended.
    if (!hasColumn(db, 'pledges', 'application')) db.exec(JOINT);
    // Consents to parties outside the registry (2026-12): one from before named an enterprise.
    if (!hasColumn(db, 'pledge_consents', 'outside_counterparty')) db.exec('ALTER TABLE pledge_consents ADD COLUMN outside_counterparty TEXT');
    db.exec(CHANGES);
    monthCountsInZone(db, 'pledge_month_counts', hubTimeZone(), () => {
      const rows = db.prepare<[], { at: string; pledgee: string; fen: number }>('SELECT registered_at AS at, pledgee, secured_amount_fen AS fen FROM pledges');
      const sums = new Map<string, { month: string; pledgee: string; n: number; fen: number }>();
      for (const r of rows.iterate()) {
        const month = monthOf(r.at);
        const key = `${month} ${r.pledgee}`;
        const sum = sums.get(key) ?? { month, pledgee: r.pledgee, n: 0, fen: 0 };
        sums.set(key, { ...sum, n: sum.n + 1, fen: sum.fen + r.fen });
      }
      db.exec('DELETE FROM pledge_month_counts');
      const add = db.prepare('INSERT INTO pledge_month_counts (month, pledgee, n, amount_fen) VALUES (?, ?, ?, ?)');
      for (const s of sums.values()) add.run(s.month, s.pledgee, s.n, s.fen);
    });
  })();
  const outbox = sqliteOutbox(db, 'finance');
  const addMonth = db.prepare<[string, string, number, number]>(
    `INSERT INTO pledge_month_counts (month, pledgee, n, amount_fen) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET n = n + excluded.n, amount_fen = amount_fen + excluded.amount_fen`,
  );
  const addState = db.prepare<[string, number]>('INSERT INTO pledge_state_counts (state, n) VALUES (?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n');
  const addKind = db.prepare<[string, number, number]>(
    'INSERT INTO pledge_kind_counts (kind, n, amount_fen) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n, amount_fen = amount_fen + excluded.amount_fen',
  );
  /** Adds a registration to the counts by month and kind (sign 1) or takes it off them (-1); a proposal is in neither. */
  const countRegistration = (p: { registeredAt: string; pledgee: string; securedAmountFen: number; collateral: readonly AssetRef[] }, sign: 1 | -1): void => {
    addMonth.run(monthOf(p.registeredAt), p.pledgee, sign, sign * p.securedAmountFen);
    addKind.run(collateralKind(p.collateral), sign, sign * p.securedAmountFen);
  };
  const kindCounts = db.prepare<[], { kind: CollateralKind; count: number; amountFen: number }>(
    'SELECT kind, n AS count, amount_fen AS amountFen FROM pledge_kind_counts WHERE n > 0 ORDER BY kind',
  );
  const monthCounts = db.prepare<[string, string], { month: string; pledgee: string; count: number; amountFen: number }>(
    `SELECT month, pledgee, n AS count, amount_fen AS amountFen FROM pledge_month_counts WHERE month >= ? AND month <= ? AND n > 0 ORDER BY month, pledgee`,
  );
  const stateCounts = db.prepare<[], { state: PledgeState; count: number }>('SELECT state, n AS count FROM pledge_state_counts WHERE n > 0 ORDER BY state');
  const pledgePages = listPages<PledgeRow>(db, 'pledges');
  const countOf = countsOf(db);
  const policyPages = listPages<PolicyRow>(db, 'insurance_policies');
  const nextNumber = db.prepare<[number], { n: number }>(
    'INSERT INTO pledge_registration_counters (year, n) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET n = n + 1 RETURNING n',
  );
  const insertPledge = db.prepare(
    `INSERT INTO pledges (id, registration_number, pledgor_id, pledgee, pledgee_kind, application, authority_registration, pending_amendment, amendments, collateral, acknowledged_risks, secured_amount_fen, start_date, end_date, state, registered_at, closed_at, registration_receipt, release_receipt, enforcement, updated_at)
     VALUES (@id, @registrationNumber, @pledgorId, @pledgee, @pledgeeKind, @application, @authorityRegistration, @pendingAmendment, @amendments, @collateral, @acknowledgedRisks, @securedAmountFen, @startDate, @endDate, @state, @registeredAt, @closedAt, @registrationReceipt, @releaseReceipt, @enforcement, @updatedAt)`,
  );
  const claim = db.prepare('INSERT INTO active_pledged_assets (asset_key, pledge_id) VALUES (?, ?) ON CONFLICT (asset_key) DO NOTHING');
  const insertCollateral = db.prepare('INSERT INTO pledge_collateral (asset_key, pledge_id) VALUES (?, ?)');
  const insertEvent = db.prepare(
    `INSERT INTO pledge_events (pledge_id, n, at, actor, role, from_state, to_state, note)
     VALUES (@pledgeId, (SELECT count(*) FROM pledge_events WHERE pledge_id = @pledgeId), @at, @actor, @role, @from, @to, @note)`,
  );
  const setRegistration = db.prepare('UPDATE pledges SET registration_receipt = ?, updated_at = max(updated_at, ?) WHERE id = ?');
  const touchPledge = db.prepare('UPDATE pledges SET updated_at = max(updated_at, ?) WHERE id = ?');
  const unanchored = db.prepare<[string], PledgeRow>(`SELECT * FROM pledges WHERE id = ? AND registration_receipt IS NULL AND state = 'REGISTERED'`);
  const wasProposed = db.prepare<[string], { n: number }>(`SELECT 1 AS n FROM pledge_events WHERE pledge_id = ? AND n = 0 AND to_state = 'PROPOSED'`);
  const dropLastEvent = db.prepare('DELETE FROM pledge_events WHERE pledge_id = ? AND n = (SELECT max(n) FROM pledge_events WHERE pledge_id = ?)');
  const unconfirm = db.prepare(
    `UPDATE pledges SET state = 'PROPOSED', registered_at = @registeredAt, application = @application, updated_at = max(updated_at, @at) WHERE id = @id`,
  );
  const pledgeRow = db.prepare<[string], PledgeRow>('SELECT * FROM pledges WHERE id = ?');
  const setConfirmed = db.prepare(
    `UPDATE pledges SET state = 'REGISTERED', registered_at = @at, application = @application, updated_at = max(updated_at, @at)
     WHERE id = @id AND state = 'PROPOSED'`,
  );
  const answer = db.prepare(`UPDATE pledges SET state = @to, closed_at = @at, updated_at = max(updated_at, @at) WHERE id = @id AND state = 'PROPOSED'`);
  const setAuthority = db.prepare(
    `UPDATE pledges SET authority_registration = @registration, updated_at = max(updated_at, @at) WHERE id = @id AND authority_registration IS NULL`,
  );
  const setPending = db.prepare(`UPDATE pledges SET pending_amendment = @pending, updated_at = max(updated_at, @at) WHERE id = @id`);
  const applyAmendment = db.prepare(
    `UPDATE pledges SET secured_amount_fen = @securedAmountFen, start_date = @startDate, end_date = @endDate, pending_amendment = NULL,
       amendments = json_insert(amendments, '$[#]', json(@applied)), closing = NULL, updated_at = max(updated_at, @at)
     WHERE id = @id AND state = 'REGISTERED' AND pending_amendment ->> '$.proposedAt' = @proposedAt AND closing ->> '$.token' = @claim`,
  );
  const deletes = ['active_pledged_assets', 'pledge_collateral', 'pledge_events', 'pledge_consents'].map((t) =>
    db.prepare(`DELETE FROM ${t} WHERE pledge_id = ?`),
  );
  const deletePledge = db.prepare('DELETE FROM pledges WHERE id = ?');
  const freeAssets = db.prepare('DELETE FROM active_pledged_assets WHERE pledge_id = ?');
  const close = db.prepare(
    `UPDATE pledges SET state = @to, closed_at = @closedAt, updated_at = max(updated_at, @at),
       release_receipt = coalesce(@releaseReceipt, release_receipt), enforcement = coalesce(@enforcement, enforcement), closing = NULL
     WHERE id = @id AND state = @from AND closing ->> '$.token' = @claim`,
  );
  const claimOf = db.prepare<[string], { state: string; closing: string | null }>('SELECT state, closing FROM pledges WHERE id = ?');
  const setClaim = db.prepare<[string, string]>('UPDATE pledges SET closing = ? WHERE id = ?');
  const dropClaim = db.prepare<[string, string]>(`UPDATE pledges SET closing = NULL WHERE id = ? AND closing ->> '$.token' = ?`);
  const claimTx = db.transaction(
    (id: string, from: string, claim: CloseClaim, staleBefore: string): { ok: false } | { ok: true; replaced: CloseClaim | null } => {
      const row = claimOf.get(id);
      if (row === undefined || row.state !== from) return { ok: false };
      const held = parsed<CloseClaim>(row.closing);
      if (held !== null && held.at >= staleBefore) return { ok: false };
      setClaim.run(JSON.stringify(claim), id);
      return { ok: true, replaced: held };
    },
  );
  const pledgesIn = inListQuery<PledgeRow>(db, (ids) => `SELECT * FROM pledges WHERE id IN (${ids})`);
  const pledgesNumbered = inListQuery<PledgeRow>(db, (numbers) => `SELECT * FROM pledges WHERE registration_number IN (${numbers})`);
  const pledgesOf = inListQuery<PledgeRow>(db, (ids) => `SELECT * FROM pledges WHERE pledgor_id IN (${ids}) ORDER BY registered_at DESC, id`);
  const pledgesOn = inListQuery<PledgeRow & { asset_key: string }>(
    db,
    (keys) =>
      `SELECT c.asset_key, p.* FROM pledge_collateral c JOIN pledges p ON p.id = c.pledge_id WHERE c.asset_key IN (${keys}) ORDER BY p.registered_at DESC, p.id`,
  );
  const eventsIn = inListQuery<EventRow>(db, (ids) => `SELECT * FROM pledge_events WHERE pledge_id IN (${ids}) ORDER BY pledge_id, n`);
  // By the claim's primary key: one row per asset at most.
  const activeIn = inListQuery<PledgeRow & { asset_key: string }>(
    db,
    (keys) =>
      `SELECT a.asset_key, p.* FROM active_pledged_assets a JOIN pledges p ON p.id = a.pledge_id WHERE a.asset_key IN (${keys}) AND p.state = 'REGISTERED'`,
  );
  const consentsIn = inListQuery<ConsentRow>(db, (ids) => `SELECT * FROM pledge_consents WHERE pledge_id IN (${ids}) ORDER BY pledge_id, n`);
  const consentable = db.prepare<[string], { state: string; consents: number }>(
    'SELECT state, (SELECT count(*) FROM pledge_consents c WHERE c.pledge_id = p.id) AS consents FROM pledges p WHERE id = ?',
  );
  const insertConsent = db.prepare(
    `INSERT INTO pledge_consents (pledge_id, n, id, asset_kind, asset_id, disposal, counterparty_id, outside_counterparty, granted_at, granted_by, note)
     VALUES (@pledgeId, @n, @id, @assetKind, @assetId, @disposal, @counterpartyId, @outsideCounterparty, @grantedAt, @grantedBy, @note)`,
  );

  const insertPolicy = db.prepare(
    `INSERT INTO insurance_policies (id, product, insurer, insured_id, covered_assets, premium_fen, sum_insured_fen, start_date, end_date, issued_at, updated_at)
     VALUES (@id, @product, @insurer, @insuredId, @coveredAssets, @premiumFen, @sumInsuredFen, @startDate, @endDate, @issuedAt, @issuedAt)`,
  );
  const insertClaim = db.prepare(
    `INSERT INTO insurance_claims (id, policy_id, amount_fen, status, protection_case_id, filed_at, filed_by, settled_at, settled_by)
     VALUES (@id, @policyId, @amountFen, @status, @protectionCaseId, @filedAt, @filedBy, @settledAt, @settledBy)`,
  );
  // Pays only within the sum insured, counting the claims paid before: one statement, atomic.
  const settle = db.prepare(
    `UPDATE insurance_claims SET status = @to, settled_at = @at, settled_by = @by
     WHERE id = @claimId AND policy_id = @policyId AND status = 'FILED'
       AND (@to <> 'PAID' OR amount_fen + (SELECT coalesce(sum(amount_fen), 0) FROM insurance_claims WHERE policy_id = @policyId AND status = 'PAID')
         <= (SELECT sum_insured_fen FROM insurance_policies WHERE id = @policyId))`,
  );
  const claimStatus = db.prepare<[string, string], { status: string }>('SELECT status FROM insurance_claims WHERE id = ? AND policy_id = ?');
  const policiesIn = inListQuery<PolicyRow>(db, (ids) => `SELECT * FROM insurance_policies WHERE id IN (${ids})`);
  const policiesOf = inListQuery<PolicyRow>(db, (ids) => `SELECT * FROM insurance_policies WHERE insured_id IN (${ids}) ORDER BY issued_at DESC, id`);
  const insertCovered = db.prepare('INSERT OR IGNORE INTO policy_covered_assets (asset_key, policy_id) VALUES (?, ?)');
  const covering = inListQuery<PolicyRow & { key: string }>(
    db,
    (keys) =>
      `SELECT c.asset_key AS key, p.* FROM policy_covered_assets c JOIN insurance_policies p ON p.id = c.policy_id WHERE c.asset_key IN (${keys}) ORDER BY p.issued_at DESC, p.id`,
  );
  const touchPolicy = db.prepare('UPDATE insurance_policies SET updated_at = max(updated_at, ?) WHERE id = ?');
  const insertPolicyTx = db.transaction((p: NewPolicy) => {
    insertPolicy.run({ ...p, coveredAssets: JSON.stringify(p.coveredAssets), startDate: p.period.startDate, endDate: p.period.endDate });
    for (const a of p.coveredAssets) insertCovered.run(assetKey(a), p.id);
  });
  const claimsNamed = inListQuery<ClaimRow>(db, (ids) => `SELECT * FROM insurance_claims WHERE id IN (${ids})`);
  const claimsIn = inListQuery<ClaimRow>(db, (ids) => `SELECT * FROM insurance_claims WHERE policy_id IN (${ids}) ORDER BY policy_id, filed_at, rowid`);

  const event = (pledgeId: string, e: PledgeEvent) => ({ pledgeId, ...e });
  const claimAssets = (id: string, collateral: readonly AssetRef[]) => {
    const taken = collateral.map(assetKey).filter((k) => claim.run(k, id).changes === 0);
    // Thrown inside the transaction: everything it wrote rolls back, the number too.
    if (taken.length > 0) throw new AssetAlreadyPledgedError(taken);
  };
  const registerTx = db.transaction((p: NewPledge, first: PledgeEvent, notify: (numbered: PledgeRecord) => readonly Notification[]): PledgeRecord => {
    const year = registrationYear(p.registeredAt);
    const record: PledgeRecord = { ...p, registrationNumber: formatRegistrationNumber(year, nextNumber.get(year)!.n), updatedAt: p.registeredAt };
    insertPledge.run({
      ...record,
      application: json(record.application),
      authorityRegistration: json(record.authorityRegistration),
      pendingAmendment: json(record.pendingAmendment),
      amendments: JSON.stringify(record.amendments),
      collateral: JSON.stringify(record.collateral),
      acknowledgedRisks: JSON.stringify(record.acknowledgedRisks),
      startDate: p.term.startDate,
      endDate: p.term.endDate,
      registrationReceipt: json(p.registrationReceipt),
      releaseReceipt: json(p.releaseReceipt),
      enforcement: json(p.enforcement),
    });
    if (p.state === 'REGISTERED') claimAssets(p.id, p.collateral);
    for (const k of p.collateral.map(assetKey)) insertCollateral.run(k, p.id);
    insertEvent.run(event(p.id, first));
    addState.run(p.state, 1);
    if (p.state === 'REGISTERED') countRegistration(p, 1);
    outbox.write(notify(record));
    return record;
  });
  const confirmTx = db.transaction((id: string, c: { at: string; by: string }, e: PledgeEvent): PledgeRecord | undefined => {
    const row = pledgeRow.get(id);
    if (row === undefined || row.state !== 'PROPOSED') return undefined;
    const before = toPledge(row);
    const application = before.application === null ? null : { ...before.application, confirmedAt: c.at, confirmedBy: c.by };
    setConfirmed.run({ id, at: c.at, application: json(application) });
    claimAssets(id, before.collateral);
    insertEvent.run(event(id, e));
    addState.run('PROPOSED', -1);
    addState.run('REGISTERED', 1);
    const after: PledgeRecord = {
      ...before,
      state: 'REGISTERED',
      registeredAt: c.at,
      application,
      updatedAt: c.at > before.updatedAt ? c.at : before.updatedAt,
    };
    countRegistration(after, 1);
    return after;
  });
  const answerTx = db.transaction((id: string, e: PledgeEvent, notify: readonly Notification[]): boolean => {
    if (answer.run({ id, to: e.to, at: e.at }).changes !== 1) return false;
    insertEvent.run(event(id, e));
    addState.run('PROPOSED', -1);
    addState.run(e.to, 1);
    outbox.write(notify);
    return true;
  });
  const authorityTx = db.transaction((id: string, registration: AuthorityRegistration, e: PledgeEvent): AuthorityOutcome => {
    const row = claimOf.get(id);
    if (row === undefined) return 'NOT_FOUND';
    if (!['REGISTERED', 'RELEASED', 'ENFORCED'].includes(row.state)) return 'NOT_REGISTERED';
    if (setAuthority.run({ id, registration: JSON.stringify(registration), at: e.at }).changes !== 1) return 'RECORDED_ALREADY';
    insertEvent.run(event(id, e));
    return 'RECORDED';
  });
  const proposeAmendmentTx = db.transaction((id: string, a: PendingAmendment, e: PledgeEvent, notify: readonly Notification[]): AmendmentOutcome => {
    const row = pledgeRow.get(id);
    if (row === undefined) return 'NOT_FOUND';
    if (row.state !== 'REGISTERED') return 'NOT_REGISTERED';
    if (row.pending_amendment !== null) return 'PENDING';
    if ((JSON.parse(row.amendments) as unknown[]).length >= MAX_AMENDMENTS) return 'TOO_MANY';
    setPending.run({ id, pending: JSON.stringify(a), at: e.at });
    insertEvent.run(event(id, e));
    outbox.write(notify);
    return 'RECORDED';
  });
  const dropAmendmentTx = db.transaction((id: string, e: PledgeEvent, notify: readonly Notification[]): boolean => {
    const row = pledgeRow.get(id);
    if (row?.pending_amendment == null || row.state !== 'REGISTERED') return false;
    setPending.run({ id, pending: null, at: e.at });
    insertEvent.run(event(id, e));
    outbox.write(notify);
    return true;
  });
  const amendTx = db.transaction((id: string, a: AppliedAmendment, e: PledgeEvent, notify: readonly Notification[], claimToken: string): boolean => {
    const row = pledgeRow.get(id);
    if (row === undefined) return false;
    const before = toPledge(row);
    const securedAmountFen = a.changes.securedAmountFen ?? before.securedAmountFen;
    const term = a.changes.term ?? before.term;
    const applied = applyAmendment.run({
      id,
      securedAmountFen,
      startDate: term.startDate,
      endDate: term.endDate,
      applied: JSON.stringify(a),
      at: e.at,
      proposedAt: a.proposedAt,
      claim: claimToken,
    });
    if (applied.changes !== 1) return false;
    // The counts carry the secured amount as it now stands, in the month and kind it was registered under.
    const delta = securedAmountFen - before.securedAmountFen;
    addMonth.run(monthOf(before.registeredAt), before.pledgee, 0, delta);
    addKind.run(collateralKind(before.collateral), 0, delta);
    insertEvent.run(event(id, e));
    outbox.write(notify);
    return true;
  });
  const recordRegistrationTx = db.transaction((id: string, receipt: Receipt, notify: readonly Notification[]) => {
    // Changed when the ledger recorded it.
    if (setRegistration.run(JSON.stringify(receipt), new Date(receipt.timestamp).toISOString(), id).changes === 1) outbox.write(notify);
  });
  const discardTx = db.transaction((id: string) => {
    const row = unanchored.get(id);
    if (row === undefined) return;
    const discarded = toPledge(row);
    countRegistration(discarded, -1);
    addState.run('REGISTERED', -1);
    if (wasProposed.get(id) !== undefined && discarded.application !== null) {
      // A confirmation the ledger never recorded: the proposal stands again, as the pledgor found it.
      freeAssets.run(id);
      dropLastEvent.run(id, id);
      const application = { ...discarded.application, confirmedAt: null, confirmedBy: null };
      unconfirm.run({ id, registeredAt: discarded.application.proposedAt, application: JSON.stringify(application), at: new Date().toISOString() });
      addState.run('PROPOSED', 1);
      return;
    }
    for (const d of deletes) d.run(id);
    deletePledge.run(id);
  });
  const transitionTx = db.transaction(
    (
      id: string,
      from: string,
      e: PledgeEvent,
      changes: Parameters<FinanceStore['pledges']['transition']>[3],
      notify: readonly Notification[],
      claim: string,
    ) => {
      const moved = close.run({
        id,
        from,
        to: e.to,
        at: e.at,
        closedAt: changes.closedAt,
        releaseReceipt: json(changes.releaseReceipt),
        enforcement: json(changes.enforcement),
        claim,
      });
      if (moved.changes !== 1) return false;
      freeAssets.run(id);
      insertEvent.run(event(id, e));
      addState.run(from, -1);
      addState.run(e.to, 1);
      outbox.write(notify);
      return true;
    },
  );
  const consentTx = db.transaction((c: ConsentRecord, e: PledgeEvent, cap: number, notify: readonly Notification[]): ConsentOutcome => {
    const p = consentable.get(c.pledgeId);
    if (p === undefined) return 'NOT_FOUND';
    if (p.state !== 'REGISTERED') return 'NOT_REGISTERED';
    if (p.consents >= cap) return 'TOO_MANY';
    insertConsent.run({
      pledgeId: c.pledgeId,
      n: p.consents,
      id: c.id,
      assetKind: c.asset.kind,
      assetId: c.asset.id,
      disposal: c.disposal,
      counterpartyId: c.counterpartyId,
      outsideCounterparty: json(c.outsideCounterparty),
      grantedAt: c.grantedAt,
      grantedBy: c.grantedBy,
      note: c.note,
    });
    insertEvent.run(event(c.pledgeId, e));
    touchPledge.run(e.at, c.pledgeId);
    outbox.write(notify);
    return 'RECORDED';
  });
  const addClaimTx = db.transaction((c: ClaimRecord) => {
    insertClaim.run(c);
    touchPolicy.run(c.filedAt, c.policyId);
  });
  const settleTx = db.transaction((policyId: string, claimId: string, to: string, at: string, by: string, notify: readonly Notification[]) => {
    if (settle.run({ policyId, claimId, to, at, by }).changes === 1) {
      touchPolicy.run(at, policyId);
      outbox.write(notify);
      return 'SETTLED' as const;
    }
    return claimStatus.get(claimId, policyId)?.status === 'FILED' ? ('SUM_INSURED_EXCEEDED' as const) : ('NOT_FILED' as const);
  });

  return {
    pledges: {
      async register(p, first, notify = () => []) {
        // IMMEDIATE: take the write lock first, so that two processes never deadlock upgrading.
        return registerTx.immediate(p, first, notify);
      },
      async confirm(id, confirmation, e) {
        return confirmTx.immediate(id, confirmation, e);
      },
      async answerProposal(id, e, notify) {
        return answerTx.immediate(id, e, notify);
      },
      async recordAuthorityRegistration(id, registration, e) {
        return authorityTx.immediate(id, registration, e);
      },
      async proposeAmendment(id, amendment, e, notify) {
        return proposeAmendmentTx.immediate(id, amendment, e, notify);
      },
      async dropAmendment(id, e, notify) {
        return dropAmendmentTx.immediate(id, e, notify);
      },
      async amend(id, applied, e, notify, claimToken) {
        return amendTx.immediate(id, applied, e, notify, claimToken);
      },
      async recordRegistration(id, receipt, notify = []) {
        recordRegistrationTx.immediate(id, receipt, notify);
      },
      async discard(id) {
        discardTx.immediate(id);
      },
      async byIds(ids) {
        return inKeyOrder(ids, pledgesIn(ids).map(toPledge), (p) => p.id);
      },
      async byRegistrationNumbers(numbers) {
        return inKeyOrder(numbers, pledgesNumbered(numbers).map(toPledge), (p) => p.registrationNumber);
      },
      async byPledgors(ids) {
        return groupedByKey(ids, pledgesOf(ids).map(toPledge), (p) => p.pledgorId);
      },
      async byAssets(keys) {
        // A joined row carries the key it was found under.
        return groupedByKey(keys, pledgesOn(keys), (r) => r.asset_key).map((rows) => rows.map(toPledge));
      },
      async eventsOf(ids) {
        return groupedByKey(ids, eventsIn(ids), (r) => r.pledge_id).map((rows) => rows.map(toEvent));
      },
      async activeOn(keys) {
        return inKeyOrder(keys, activeIn(keys), (r) => r.asset_key).map((r) => (r === undefined ? undefined : toPledge(r)));
      },
      async addConsent(c, e, cap, notify = []) {
        return consentTx.immediate(c, e, cap, notify);
      },
      async consentsOf(ids) {
        return groupedByKey(ids, consentsIn(ids).map(toConsent), (c) => c.pledgeId);
      },
      async page(filter, read, limit) {
        return pledgePages(
          [
            ['state = ?', filter.state],
            ['pledgor_id = ?', filter.pledgorId],
            ['pledgee = ?', filter.pledgee],
            ['pledgee_kind = ?', filter.pledgeeKind],
          ],
          read,
          limit,
        ).map(toPledge);
      },
      async count(filter, since) {
        return countOf('pledges', [
          ['state = ?', filter.state],
          ['pledgor_id = ?', filter.pledgorId],
          ['pledgee = ?', filter.pledgee],
          ['pledgee_kind = ?', filter.pledgeeKind],
          ['updated_at >= ?', since],
        ]);
      },
      async claimClose(id, from, claim, staleBefore) {
        return claimTx.immediate(id, from, claim, staleBefore);
      },
      async dropClaim(id, token) {
        dropClaim.run(id, token);
      },
      async transition(id, from, e, changes, notify, claim) {
        return transitionTx.immediate(id, from, e, changes, notify, claim);
      },
      async countByMonthAndPledgee(from, to) {
        return monthCounts.all(from, to);
      },
      async countByState() {
        return stateCounts.all();
      },
      async countByCollateralKind() {
        return kindCounts.all();
      },
    },
    policies: {
      async insert(p) {
        insertPolicyTx(p);
      },
      async byIds(ids) {
        return inKeyOrder(ids, policiesIn(ids).map(toPolicy), (p) => p.id);
      },
      async byInsured(ids) {
        return groupedByKey(ids, policiesOf(ids).map(toPolicy), (p) => p.insuredId);
      },
      async byCoveredAssets(keys) {
        return groupedByKey(keys, covering(keys), (r) => r.key).map((rows) => rows.map(toPolicy));
      },
      async page(filter, read, limit) {
        return policyPages(
          [
            ['insurer = ?', filter.insurer],
            ['insured_id = ?', filter.insuredId],
          ],
          read,
          limit,
        ).map(toPolicy);
      },
      async count(filter, since) {
        return countOf('insurance_policies', [
          ['insurer = ?', filter.insurer],
          ['insured_id = ?', filter.insuredId],
          ['updated_at >= ?', since],
        ]);
      },
      async addClaim(c) {
        addClaimTx.immediate(c);
      },
      async claimsByIds(ids) {
        return inKeyOrder(ids, claimsNamed(ids).map(toClaim), (c) => c.id);
      },
      async claimsOf(ids) {
        return groupedByKey(ids, claimsIn(ids).map(toClaim), (c) => c.policyId);
      },
      async settleClaim(policyId, claimId, to, at, by, notify = []) {
        return settleTx.immediate(policyId, claimId, to, at, by, notify);
      },
    },
    outbox: outbox.source,
    async close() {
      db.close();
    },
  };
}
