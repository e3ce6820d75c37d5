// What a registry feed's row changes of a registered patent. Pure: both adapters' imports and the
// import's report use it.
import type { JsonValue } from '../../../ledger/entry.js';
import type { PatentRecord } from '../store/port.js';

/** The fields a feed may set; the owner and the version are not among them. */
const FED = ['type', 'pct', 'title', 'ipcClass', 'status', 'filingDate', 'grantDate', 'feesPaidThrough', 'grantPublicationNumber', 'lapsedOn'] as const;

/** Each field whose value differs, as [before, after]; empty when the row changes nothing. */
export function patentChanges(before: PatentRecord, after: PatentRecord): { [field: string]: [JsonValue, JsonValue] } {
  const changed: { [field: string]: [JsonValue, JsonValue] } = {};
  for (const f of FED) if (before[f] !== after[f]) changed[f] = [before[f], after[f]];
  return changed;
}

/** What importing a batch of feed rows does: the patents to insert, and the changes to make. */
export interface ImportPlan {
  readonly fresh: PatentRecord[];
  readonly changed: { readonly before: PatentRecord; readonly after: PatentRecord; readonly changes: ReturnType<typeof patentChanges> }[];
}

/**
 * Plans a batch (one row per application number) against the patents registered: a new number is
 * inserted, a registered one that differs is updated, keeping what a feed does not carry (its
 * freeze, its invalidation, its version). Throws for a row that would change a patent's owner.
 */
export function importPlan(rows: readonly PatentRecord[], registered: ReadonlyMap<string, PatentRecord>): ImportPlan {
  const plan: ImportPlan = { fresh: [], changed: [] };
  for (const row of rows) {
    const before = registered.get(row.applicationNumber);
    if (before === undefined) {
      plan.fresh.push(row);
      continue;
    }
    if (before.enterpriseId !== row.enterpriseId) throw new Error(`patent ${row.applicationNumber}: an import does not change the owner`);
    const after = { ...row, freeze: before.freeze, invalidation: before.invalidation, version: before.version };
    const changes = patentChanges(before, after);
    if (Object.keys(changes).length > 0) plan.changed.push({ before, after, changes });
  }
  return plan;
}
