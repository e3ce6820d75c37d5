// The cases subgraph's repositories on its own SQLite database. Filings and moves write their
// notifications to the outbox table in their own transactions; a database from before the outbox
// gains its table when opened, one from before updated_at or the claims on moves its column.
import type Database from 'better-sqlite3';

import type { Notification } from '../../../outbox/notification.js';
import { sqliteOutbox } from '../../../outbox/sqlite.js';
import { monthOf } from '../../../platform/hub-calendar.js';
import { type Condition, countsOf, groupedByKey, hasColumn, inKeyOrder, inListQuery, listPages, monthCountsOfRows } from '../../../platform/sqlite.js';
import type {
  CaseEvent,
  IpRight,
  NewPreExamCase,
  NewProtectionCase,
  Party,
  PreExamCaseRecord,
  ProtectionCaseRecord,
  ResolutionRoute,
} from '../domain/model.js';
import type { PreExamState, ProtectionState } from '../domain/workflow.js';
import type { CaseMoves, CasesStore, MoveClaim, PreExamFilter, ProtectionFilter } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS pre_exam_cases (
  id TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL,
  application_number TEXT NOT NULL,
  title TEXT NOT NULL,
  industry TEXT NOT NULL,
  state TEXT NOT NULL,
  received_at TEXT NOT NULL,
  decided_at TEXT,
  decision_seq INTEGER,
  decision_entry_hash TEXT,
  decision_timestamp INTEGER,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pre_exam_by_enterprise ON pre_exam_cases (enterprise_id, received_at);
CREATE INDEX IF NOT EXISTS pre_exam_by_state ON pre_exam_cases (state, id);
CREATE TABLE IF NOT EXISTS pre_exam_events (
  case_id TEXT NOT NULL REFERENCES pre_exam_cases (id),
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (case_id, n)
);
CREATE TABLE IF NOT EXISTS protection_cases (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  route TEXT NOT NULL,
  summary TEXT NOT NULL,
  state TEXT NOT NULL,
  parties TEXT NOT NULL,
  ip_rights TEXT NOT NULL,
  evidence_ids TEXT NOT NULL,
  referred_to TEXT,
  applied_at TEXT NOT NULL,
  outcome_at TEXT,
  outcome_seq INTEGER,
  outcome_entry_hash TEXT,
  outcome_timestamp INTEGER,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS protection_by_state ON protection_cases (state, id);
CREATE INDEX IF NOT EXISTS protection_by_court ON protection_cases (referred_to, id);
CREATE TABLE IF NOT EXISTS protection_parties (
  case_id TEXT NOT NULL REFERENCES protection_cases (id),
  enterprise_id TEXT NOT NULL,
  PRIMARY KEY (enterprise_id, case_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS protection_citations (
  case_id TEXT NOT NULL REFERENCES protection_cases (id),
  evidence_id TEXT NOT NULL,
  PRIMARY KEY (evidence_id, case_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS protection_events (
  case_id TEXT NOT NULL REFERENCES protection_cases (id),
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (case_id, n)
);
`;

// Protection cases per route and state, and per month applied for, counted in the writer's
// transaction: the statistics read a row per pair or month, however many cases there are. A
// database from before them counts its rows once.
const COUNTERS = `
CREATE TABLE IF NOT EXISTS protection_counts (
  route TEXT NOT NULL,
  state TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (route, state)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS protection_opened_counts (
  month TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
`;
const COUNTS_FROM_ROWS = `
INSERT INTO protection_counts (route, state, n) SELECT route, state, count(*) FROM protection_cases GROUP BY 1, 2;
`;
// What changed when, for syncs (updatedSince), with each filter the lists take. A database from
// before it dates each case by its last change its rows still show.
const CHANGES = `
CREATE INDEX IF NOT EXISTS pre_exam_by_change ON pre_exam_cases (updated_at, id);
CREATE INDEX IF NOT EXISTS pre_exam_by_state_change ON pre_exam_cases (state, updated_at, id);
CREATE INDEX IF NOT EXISTS pre_exam_by_enterprise_change ON pre_exam_cases (enterprise_id, updated_at, id);
CREATE INDEX IF NOT EXISTS protection_by_change ON protection_cases (updated_at, id);
CREATE INDEX IF NOT EXISTS protection_by_state_change ON protection_cases (state, updated_at, id);
CREATE INDEX IF NOT EXISTS protection_by_court_change ON protection_cases (referred_to, updated_at, id);
`;
const PRE_EXAM_DATED_FROM_ROWS = `
ALTER TABLE pre_exam_cases ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE pre_exam_cases SET updated_at = max(received_at, coalesce(decided_at, ''), coalesce((SELECT max(at) FROM pre_exam_events e WHERE e.case_id = pre_exam_cases.id), ''));
`;
const PROTECTION_DATED_FROM_ROWS = `
ALTER TABLE protection_cases ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE protection_cases SET updated_at = max(applied_at, coalesce(outcome_at, ''), coalesce((SELECT max(at) FROM protection_events e WHERE e.case_id = protection_cases.id), ''));
`;

interface ProtectionRow {
  id: string;
  kind: string;
  route: string;
  summary: string;
  state: string;
  parties: string;
  ip_rights: string;
  evidence_ids: string;
  referred_to: string | null;
  applied_at: string;
  known_since: string | null;
  evaluation_report_digest: string | null;
  outcome_at: string | null;
  outcome_seq: number | null;
  outcome_entry_hash: string | null;
  outcome_timestamp: number | null;
  updated_at: string;
}

const toProtection = (r: ProtectionRow): ProtectionCaseRecord => ({
  id: r.id,
  kind: r.kind as ProtectionCaseRecord['kind'],
  route: r.route as ProtectionCaseRecord['route'],
  summary: r.summary,
  state: r.state as ProtectionCaseRecord['state'],
  parties: JSON.parse(r.parties) as Party[],
  ipRights: JSON.parse(r.ip_rights) as IpRight[],
  evidenceIds: JSON.parse(r.evidence_ids) as string[],
  referredTo: r.referred_to,
  appliedAt: r.applied_at,
  knownSince: r.known_since,
  evaluationReportDigest: r.evaluation_report_digest,
  outcomeAt: r.outcome_at,
  outcomeReceipt: r.outcome_seq === null ? null : { seq: r.outcome_seq, entryHash: r.outcome_entry_hash!, timestamp: r.outcome_timestamp! },
  updatedAt: r.updated_at,
});

interface CaseRow {
  id: string;
  enterprise_id: string;
  application_number: string;
  title: string;
  industry: string;
  state: string;
  received_at: string;
  decided_at: string | null;
  decision_seq: number | null;
  decision_entry_hash: string | null;
  decision_timestamp: number | null;
  updated_at: string;
}

interface EventRow {
  case_id: string;
  n: number;
  at: string;
  actor: string;
  role: string;
  from_state: string | null;
  to_state: string;
  note: string | null;
}

const toCase = (r: CaseRow): PreExamCaseRecord => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  applicationNumber: r.application_number,
  title: r.title,
  industry: r.industry,
  state: r.state as PreExamCaseRecord['state'],
  receivedAt: r.received_at,
  decidedAt: r.decided_at,
  decisionReceipt: r.decision_seq === null ? null : { seq: r.decision_seq, entryHash: r.decision_entry_hash!, timestamp: r.decision_timestamp! },
  updatedAt: r.updated_at,
});

const preExamConditions = (filter: PreExamFilter): Condition[] => [
  ['state = ?', filter.state],
  ['enterprise_id = ?', filter.enterpriseId],
];
const protectionConditions = (filter: ProtectionFilter): Condition[] => [
  ['state = ?', filter.state],
  ['referred_to = ?', filter.referredTo],
  ['id IN (SELECT case_id FROM protection_parties WHERE enterprise_id = ?)', filter.enterpriseId],
];

const toEvent = <S extends string>(r: EventRow): CaseEvent<S> => ({
  at: r.at,
  actor: r.actor,
  role: r.role as CaseEvent['role'],
  from: r.from_state as S | null,
  to: r.to_state as S,
  note: r.note,
});

/** Claims on moving the cases of `table`, kept as JSON in its claim column; a claim is taken in an IMMEDIATE transaction, so across processes too. */
function moveClaims<S extends string>(
  db: Database.Database,
  table: 'pre_exam_cases' | 'protection_cases',
): Pick<CaseMoves<S, unknown>, 'claimMove' | 'dropClaim'> {
  const claimOf = db.prepare<[string], { state: string; claim: string | null }>(`SELECT state, claim FROM ${table} WHERE id = ?`);
  const setClaim = db.prepare<[string, string]>(`UPDATE ${table} SET claim = ? WHERE id = ?`);
  const dropClaim = db.prepare<[string, string]>(`UPDATE ${table} SET claim = NULL WHERE id = ? AND claim ->> '$.token' = ?`);
  const claimTx = db.transaction(
    (id: string, from: S, claim: MoveClaim<S>, staleBefore: string): { ok: false } | { ok: true; replaced: MoveClaim<S> | null } => {
      const row = claimOf.get(id);
      if (row === undefined || row.state !== from) return { ok: false };
      const held = row.claim === null ? null : (JSON.parse(row.claim) as MoveClaim<S>);
      if (held !== null && held.at >= staleBefore) return { ok: false };
      setClaim.run(JSON.stringify(claim), id);
      return { ok: true, replaced: held };
    },
  );
  return {
    async claimMove(id, from, claim, staleBefore) {
      return claimTx.immediate(id, from, claim, staleBefore);
    },
    async dropClaim(id, token) {
      dropClaim.run(id, token);
    },
  };
}

export function openSqliteCasesStore(db: Database.Database): CasesStore {
  db.exec(SCHEMA);
  db.transaction(() => {
    const counted = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'protection_counts'`).get() !== undefined;
    db.exec(COUNTERS);
    if (!counted) db.exec(COUNTS_FROM_ROWS);
    if (!hasColumn(db, 'pre_exam_cases', 'updated_at')) db.exec(PRE_EXAM_DATED_FROM_ROWS);
    if (!hasColumn(db, 'protection_cases', 'updated_at')) db.exec(PROTECTION_DATED_FROM_ROWS);
    // Claims on moves (2026-12): none held on a case from before.
    if (!hasColumn(db, 'pre_exam_cases', 'claim')) db.exec('ALTER TABLE pre_exam_cases ADD COLUMN claim TEXT');
    if (!hasColumn(db, 'protection_cases', 'claim')) db.exec('ALTER TABLE protection_cases ADD COLUMN claim TEXT');
    // The claimant's date of knowledge (2026-12): none stated before.
    if (!hasColumn(db, 'protection_cases', 'known_since')) db.exec('ALTER TABLE protection_cases ADD COLUMN known_since TEXT');
    // The evaluation report a claimant gave (2026-12): none before.
    if (!hasColumn(db, 'protection_cases', 'evaluation_report_digest')) db.exec('ALTER TABLE protection_cases ADD COLUMN evaluation_report_digest TEXT');
    db.exec(CHANGES);
    monthCountsOfRows(db, 'protection_opened_counts', 'SELECT applied_at FROM protection_cases');
  })();
  const outbox = sqliteOutbox(db, 'cases');
  const insertCase = db.prepare(
    `INSERT INTO pre_exam_cases (id, enterprise_id, application_number, title, industry, state, received_at, decided_at, updated_at)
     VALUES (@id, @enterpriseId, @applicationNumber, @title, @industry, @state, @receivedAt, @decidedAt, @receivedAt)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO pre_exam_events (case_id, n, at, actor, role, from_state, to_state, note)
     VALUES (@caseId, (SELECT count(*) FROM pre_exam_events WHERE case_id = @caseId), @at, @actor, @role, @from, @to, @note)`,
  );
  const move = db.prepare(
    `UPDATE pre_exam_cases SET state = @to, updated_at = max(updated_at, @at),
       decided_at = coalesce(@decidedAt, decided_at),
       decision_seq = coalesce(@seq, decision_seq), decision_entry_hash = coalesce(@entryHash, decision_entry_hash), decision_timestamp = coalesce(@timestamp, decision_timestamp),
       claim = NULL
     WHERE id = @id AND state = @from AND claim ->> '$.token' = @claim`,
  );
  const decided = db.prepare<[], { industry: string; receivedAt: string; decidedAt: string }>(
    'SELECT industry, received_at AS receivedAt, decided_at AS decidedAt FROM pre_exam_cases WHERE decided_at IS NOT NULL ORDER BY decided_at',
  );
  const casesIn = inListQuery<CaseRow>(db, (ids) => `SELECT * FROM pre_exam_cases WHERE id IN (${ids})`);
  const casesOf = inListQuery<CaseRow>(db, (ids) => `SELECT * FROM pre_exam_cases WHERE enterprise_id IN (${ids}) ORDER BY received_at DESC, id`);
  const eventsIn = inListQuery<EventRow>(db, (ids) => `SELECT * FROM pre_exam_events WHERE case_id IN (${ids}) ORDER BY case_id, n`);

  const event = (caseId: string, e: CaseEvent) => ({ caseId, ...e });
  const insertTx = db.transaction((c: NewPreExamCase, first: CaseEvent, notify: readonly Notification[]) => {
    insertCase.run(c);
    insertEvent.run(event(c.id, first));
    outbox.write(notify);
  });
  const transitionTx = db.transaction(
    (
      id: string,
      from: string,
      e: CaseEvent,
      changes: { decidedAt?: string; decisionReceipt?: { seq: number; entryHash: string; timestamp: number } },
      notify: readonly Notification[],
      claim: string,
    ) => {
      const r = changes.decisionReceipt;
      const moved = move.run({
        id,
        from,
        to: e.to,
        at: e.at,
        decidedAt: changes.decidedAt ?? null,
        seq: r?.seq ?? null,
        entryHash: r?.entryHash ?? null,
        timestamp: r?.timestamp ?? null,
        claim,
      });
      if (moved.changes !== 1) return false;
      insertEvent.run(event(id, e));
      outbox.write(notify);
      return true;
    },
  );
  const protectionPages = listPages<ProtectionRow>(db, 'protection_cases');
  const preExamPages = listPages<CaseRow>(db, 'pre_exam_cases');
  const countOf = countsOf(db);
  /** Joined rows carry the key they were found under: a case shows under each of its parties. */
  const keyed = (ids: readonly string[], rows: (ProtectionRow & { key: string })[]) => groupedByKey(ids, rows, (r) => r.key).map((rs) => rs.map(toProtection));

  const insertProtection = db.prepare(
    `INSERT INTO protection_cases (id, kind, route, summary, state, parties, ip_rights, evidence_ids, referred_to, applied_at, known_since, evaluation_report_digest, updated_at)
     VALUES (@id, @kind, @route, @summary, @state, @parties, @ipRights, @evidenceIds, @referredTo, @appliedAt, @knownSince, @evaluationReportDigest, @appliedAt)`,
  );
  const insertParty = db.prepare('INSERT OR IGNORE INTO protection_parties (case_id, enterprise_id) VALUES (?, ?)');
  const insertCitation = db.prepare('INSERT OR IGNORE INTO protection_citations (case_id, evidence_id) VALUES (?, ?)');
  const insertProtectionEvent = db.prepare(
    `INSERT INTO protection_events (case_id, n, at, actor, role, from_state, to_state, note)
     VALUES (@caseId, (SELECT count(*) FROM protection_events WHERE case_id = @caseId), @at, @actor, @role, @from, @to, @note)`,
  );
  const moveProtection = db.prepare(
    `UPDATE protection_cases SET state = @to, updated_at = max(updated_at, @at), referred_to = coalesce(@referredTo, referred_to), outcome_at = coalesce(@outcomeAt, outcome_at),
       outcome_seq = coalesce(@seq, outcome_seq), outcome_entry_hash = coalesce(@entryHash, outcome_entry_hash), outcome_timestamp = coalesce(@timestamp, outcome_timestamp),
       claim = NULL
     WHERE id = @id AND state = @from AND claim ->> '$.token' = @claim`,
  );
  const protectionIn = inListQuery<ProtectionRow>(db, (ids) => `SELECT * FROM protection_cases WHERE id IN (${ids})`);
  const protectionOf = inListQuery<ProtectionRow & { key: string }>(
    db,
    (ids) =>
      `SELECT p.enterprise_id AS key, c.* FROM protection_parties p JOIN protection_cases c ON c.id = p.case_id WHERE p.enterprise_id IN (${ids}) ORDER BY c.applied_at DESC, c.id`,
  );
  const citing = inListQuery<ProtectionRow & { key: string }>(
    db,
    (ids) =>
      `SELECT x.evidence_id AS key, c.* FROM protection_citations x JOIN protection_cases c ON c.id = x.case_id WHERE x.evidence_id IN (${ids}) ORDER BY c.applied_at DESC, c.id`,
  );
  const protectionEventsIn = inListQuery<EventRow>(db, (ids) => `SELECT * FROM protection_events WHERE case_id IN (${ids}) ORDER BY case_id, n`);
  const addCount = db.prepare<[string, string, number]>(
    'INSERT INTO protection_counts (route, state, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n',
  );
  const addOpened = db.prepare<[string]>('INSERT INTO protection_opened_counts (month, n) VALUES (?, 1) ON CONFLICT DO UPDATE SET n = n + 1');
  const routeOf = db.prepare<[string], string>('SELECT route FROM protection_cases WHERE id = ?').pluck();
  const countsByRouteAndState = db.prepare<[], { route: ResolutionRoute; state: ProtectionState; count: number }>(
    'SELECT route, state, n AS count FROM protection_counts WHERE n > 0 ORDER BY route, state',
  );
  const countInState = db
    .prepare<[{ state: string | null }], number>('SELECT coalesce(sum(n), 0) FROM protection_counts WHERE @state IS NULL OR state = @state')
    .pluck();
  const openedBetween = db.prepare<[string, string], { month: string; count: number }>(
    'SELECT month, n AS count FROM protection_opened_counts WHERE month >= ? AND month <= ? ORDER BY month',
  );
  const insertProtectionTx = db.transaction((c: NewProtectionCase, first: CaseEvent<ProtectionState>, notify: readonly Notification[]) => {
    insertProtection.run({
      ...c,
      evaluationReportDigest: c.evaluationReportDigest ?? null,
      parties: JSON.stringify(c.parties),
      ipRights: JSON.stringify(c.ipRights),
      evidenceIds: JSON.stringify(c.evidenceIds),
    });
    for (const p of c.parties) if (p.enterpriseId !== null) insertParty.run(c.id, p.enterpriseId);
    for (const e of c.evidenceIds) insertCitation.run(c.id, e);
    insertProtectionEvent.run({ caseId: c.id, ...first });
    addCount.run(c.route, c.state, 1);
    addOpened.run(monthOf(c.appliedAt));
    outbox.write(notify);
  });
  const moveProtectionTx = db.transaction(
    (
      id: string,
      from: string,
      e: CaseEvent<ProtectionState>,
      changes: { referredTo?: string; outcomeAt?: string; outcomeReceipt?: { seq: number; entryHash: string; timestamp: number } },
      notify: readonly Notification[],
      claim: string,
    ) => {
      const r = changes.outcomeReceipt;
      const moved = moveProtection.run({
        id,
        from,
        to: e.to,
        at: e.at,
        referredTo: changes.referredTo ?? null,
        outcomeAt: changes.outcomeAt ?? null,
        seq: r?.seq ?? null,
        entryHash: r?.entryHash ?? null,
        timestamp: r?.timestamp ?? null,
        claim,
      });
      if (moved.changes !== 1) return false;
      insertProtectionEvent.run({ caseId: id, ...e });
      const route = routeOf.get(id)!;
      addCount.run(route, from, -1);
      addCount.run(route, e.to, 1);
      outbox.write(notify);
      return true;
    },
  );

  return {
    protection: {
      async insert(c, first, notify = []) {
        insertProtectionTx(c, first, notify);
      },
      async byIds(ids) {
        return inKeyOrder(ids, protectionIn(ids).map(toProtection), (c) => c.id);
      },
      async byEnterprises(ids) {
        return keyed(ids, protectionOf(ids));
      },
      async byEvidence(ids) {
        return keyed(ids, citing(ids));
      },
      async eventsOf(ids) {
        return groupedByKey(ids, protectionEventsIn(ids), (r) => r.case_id).map((rows) => rows.map((r) => toEvent<ProtectionState>(r)));
      },
      async page(filter, read, limit) {
        return protectionPages(protectionConditions(filter), read, limit).map(toProtection);
      },
      async count(filter, since) {
        // Every case, or those in one state: the counts kept per route and state say it in a few rows.
        if (since === undefined && filter.referredTo === undefined && filter.enterpriseId === undefined)
          return countInState.get({ state: filter.state ?? null })!;
        return countOf('protection_cases', [...protectionConditions(filter), ['updated_at >= ?', since]]);
      },
      ...moveClaims<ProtectionState>(db, 'protection_cases'),
      async transition(id, from, e, changes, notify, claim) {
        return moveProtectionTx.immediate(id, from, e, changes, notify, claim);
      },
      async countByRouteAndState() {
        return countsByRouteAndState.all();
      },
      async countOpenedByMonth(from, to) {
        return openedBetween.all(from, to);
      },
    },
    preExam: {
      async insert(c, first, notify = []) {
        insertTx(c, first, notify);
      },
      async byIds(ids) {
        return inKeyOrder(ids, casesIn(ids).map(toCase), (c) => c.id);
      },
      async byEnterprises(ids) {
        return groupedByKey(ids, casesOf(ids).map(toCase), (c) => c.enterpriseId);
      },
      async eventsOf(ids) {
        return groupedByKey(ids, eventsIn(ids), (r) => r.case_id).map((rows) => rows.map((r) => toEvent(r)));
      },
      async page(filter, read, limit) {
        return preExamPages(preExamConditions(filter), read, limit).map(toCase);
      },
      async count(filter, since) {
        return countOf('pre_exam_cases', [...preExamConditions(filter), ['updated_at >= ?', since]]);
      },
      ...moveClaims<PreExamState>(db, 'pre_exam_cases'),
      async transition(id, from, e, changes, notify, claim) {
        return transitionTx.immediate(id, from, e, changes, notify, claim);
      },
      async decided() {
        return decided.all();
      },
    },
    outbox: outbox.source,
    async close() {
      db.close();
    },
  };
}
