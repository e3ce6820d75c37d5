// What a registry feed's row changes of a registered patent. Pure: both adapters' imports and the
// import's report use it.
import type { Notification } from '../../../outbox/notification.js';
import type { JsonValue } from '../../../platform/json.js';
import { paidThroughOf } from './annual-fee.js';
import type { AssetEventType, PatentRecord, PatentStatus } from './model.js';

/** The fields a feed may set; the owner and the version are not among them. */
const FED = [
  'type',
  'pct',
  'title',
  'ipcClass',
  'status',
  'filingDate',
  'priorityDate',
  'parentApplicationNumber',
  'examinationRequestedOn',
  'grantDate',
  'feesPaidThrough',
  'grantPublicationNumber',
  'lapsedOn',
] as const;

/** Each field whose value differs, as [before, after]; empty when the row changes nothing. */
export function patentChanges(before: PatentRecord, after: PatentRecord): { [field: string]: [JsonValue, JsonValue] } {
  const changed: { [field: string]: [JsonValue, JsonValue] } = {};
  for (const f of FED) if (before[f] !== after[f]) changed[f] = [before[f], after[f]];
  if (before.enterpriseId !== after.enterpriseId) changed.enterpriseId = [before.enterpriseId, after.enterpriseId];
  return changed;
}

/**
 * How far along its life a status is: an application, a granted right (in force or lapsed, which
 * restoration undoes), an ended one. A feed row never takes a right to an earlier stage.
 */
const STAGE: Readonly<Record<PatentStatus, number>> = { PENDING: 0, GRANTED: 1, LAPSED: 1, EXPIRED: 2, INVALIDATED: 2, REJECTED: 2, WITHDRAWN: 2 };

/** Why a row is older than the record it would replace, or undefined. */
export function staleness(before: PatentRecord, row: PatentRecord): { field: string; message: string } | undefined {
  const n = row.applicationNumber;
  if (STAGE[row.status] < STAGE[before.status]) {
    return { field: 'status', message: `patent ${n} is ${before.status}; this row says ${row.status}, an earlier stage` };
  }
  if (before.grantDate !== null && row.grantDate === null && STAGE[row.status] >= 1) {
    return { field: 'grantDate', message: `patent ${n} was granted on ${before.grantDate}; this row has no grantDate` };
  }
  const [was, now] = [paidThroughOf(before), paidThroughOf(row)];
  if (was !== null && (now === null || now < was)) {
    return { field: 'feesPaidThrough', message: `patent ${n} has its fees paid through ${was}; this row says ${now ?? 'none'}` };
  }
  return undefined;
}

/** A row the import refuses, with the code and field the report gives. */
export interface ImportRefusal {
  readonly applicationNumber: string;
  readonly code: 'CONFLICT' | 'STALE_ROW';
  readonly field: string;
  readonly message: string;
}

/** What importing a batch of feed rows does: the patents to insert, the changes to make, the rows refused. */
export interface ImportPlan {
  readonly fresh: PatentRecord[];
  readonly changed: {
    readonly before: PatentRecord;
    readonly after: PatentRecord;
    readonly event: Extract<AssetEventType, 'IMPORTED' | 'SUPERSEDED'>;
    readonly changes: ReturnType<typeof patentChanges>;
    /** For a declaration superseded: who is told (the centre, and the enterprise that declared it). */
    readonly notify: readonly Notification[];
  }[];
  readonly refused: ImportRefusal[];
}

export interface ImportPlanOptions {
  /** Take rows older than the record too (`--allow-rollback`): a correction of the registry's own error. */
  readonly allowRollback?: boolean;
  /** The instant of the import, for its notifications. */
  readonly at: string;
}

/**
 * Plans a batch (one row per application number) against the patents registered: a new number is
 * inserted; a registered one that differs is updated, keeping what a feed does not carry (its
 * freezes, its invalidation, its term compensation, its version). A record an enterprise declared
 * is superseded by the registry's row, owner and all (its history says so and the centre is told);
 * otherwise a row naming another owner is refused (CONFLICT: ownership moves only by a registered
 * transfer), and a row older than the record (STALE_ROW) unless the import allows a rollback.
 */
export function importPlan(rows: readonly PatentRecord[], registered: ReadonlyMap<string, PatentRecord>, options: ImportPlanOptions): ImportPlan {
  const plan: ImportPlan = { fresh: [], changed: [], refused: [] };
  for (const row of rows) {
    const before = registered.get(row.applicationNumber);
    if (before === undefined) {
      plan.fresh.push(row);
      continue;
    }
    const n = row.applicationNumber;
    const superseding = before.declared && !row.declared;
    if (!superseding && before.enterpriseId !== row.enterpriseId) {
      const message =
        before.enterpriseId === null
          ? `patent ${n} was transferred to a party outside the registry; the hub records no act of it`
          : `patent ${n} is registered to another enterprise; ownership moves only by a registered transfer`;
      plan.refused.push({ applicationNumber: n, code: 'CONFLICT', field: 'enterpriseId', message });
      continue;
    }
    const stale = options.allowRollback || superseding ? undefined : staleness(before, row);
    if (stale !== undefined) {
      plan.refused.push({
        applicationNumber: n,
        code: 'STALE_ROW',
        ...stale,
        message: `${stale.message}: an import never moves a right backwards (--allow-rollback to correct one)`,
      });
      continue;
    }
    const after: PatentRecord = {
      ...row,
      freeze: before.freeze,
      waitingFreezes: before.waitingFreezes,
      invalidation: before.invalidation,
      termCompensation: before.termCompensation,
      terminationNoticeOn: row.status === 'LAPSED' ? before.terminationNoticeOn : null,
      version: before.version,
    };
    const changes = patentChanges(before, after);
    if (superseding) {
      plan.changed.push({
        before,
        after,
        event: 'SUPERSEDED',
        changes: { ...changes, declared: [true, false] },
        notify: [superseded(before, after, options.at)],
      });
    } else if (Object.keys(changes).length > 0) {
      plan.changed.push({ before, after, event: 'IMPORTED', changes, notify: [] });
    }
  }
  return plan;
}

/** The centre and the declaring enterprise told that the registry's record replaced its declaration. */
function superseded(before: PatentRecord, after: PatentRecord, at: string): Notification {
  return {
    id: `patent.declaration.superseded:${after.applicationNumber}:${at}`,
    type: 'patent.declaration.superseded',
    occurredAt: at,
    subject: `patent:${after.applicationNumber}`,
    // A declaration is its enterprise's: the owner it names is never outside the registry.
    audience: [{ kind: 'CENTRE' }, ...(before.enterpriseId === null ? [] : [{ kind: 'ENTERPRISE' as const, id: before.enterpriseId }])],
    data: {
      applicationNumber: after.applicationNumber,
      declaredBy: before.enterpriseId,
      registeredTo: after.enterpriseId,
      status: after.status,
    },
  };
}
