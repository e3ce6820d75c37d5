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
