// Facts other subgraphs own, asked of the supergraph as a service: whether enterprises are
// registered, patents' status, term, annual fees, owner, a court's freeze and a pending
// invalidation, trademarks' owner, term, freeze and the same mark's other registrations, copyrights'
// owner, data assets' owner, protection cases' parties, moves and application time. One query per batch.
import type { HubQuery } from '../../platform/hub-query.js';

export interface PatentFacts {
  readonly applicationNumber: string;
  readonly status: string;
  readonly protectionEndsOn: string;
  readonly annualFee: { readonly state: string } | null;
  readonly enterprise: { readonly id: string } | null;
  /** A court's freeze in force, null when none. */
  readonly freeze: { readonly court: string; readonly orderNumber: string } | null;
  /** The latest invalidation request, null when none was made; pending until decided. */
  readonly invalidation: { readonly pending: boolean; readonly requestedOn: string } | null;
}

/** `query ($k0: T!, ...) { k0: field(arg: $k0) { selection } ... }` for each key. */
async function aliased<T>(hub: HubQuery, field: string, arg: string, type: string, selection: string, keys: readonly string[]): Promise<(T | null)[]> {
  const aliases = keys.map((_, i) => `k${i}`);
  const query = `query (${aliases.map((a) => `$${a}: ${type}!`).join(', ')}) { ${aliases.map((a) => `${a}: ${field}(${arg}: $${a}) { ${selection} }`).join(' ')} }`;
  const data = await hub<Record<string, T | null>>(query, Object.fromEntries(aliases.map((a, i) => [a, keys[i]])));
  return aliases.map((a) => data[a] ?? null);
}

/** Each patent's facts by canonical application number, null when it is not registered. */
export function patentFacts(hub: HubQuery, applicationNumbers: readonly string[]): Promise<(PatentFacts | null)[]> {
  return aliased<PatentFacts>(
    hub,
    'patent',
    'applicationNumber',
    'String',
    'applicationNumber status protectionEndsOn annualFee { state } enterprise { id } freeze { court orderNumber } invalidation { pending requestedOn }',
    applicationNumbers,
  );
}

export interface TrademarkFacts {
  readonly registrationNumber: string;
  readonly mark: string;
  readonly niceClass: number;
  /** The registration's last day: after it, unrenewed, the mark is not in force. */
  readonly expiryDate: string;
  readonly enterprise: { readonly id: string } | null;
  /** The owner's other registrations of the identical mark in the same class (Trademark Law art. 42). */
  readonly sameMarkInClass: readonly string[];
  /** A court's preservation holding today, null when none. */
  readonly freeze: { readonly court: string; readonly orderNumber: string } | null;
}

/** Each trademark's facts by registration number, null when it is not registered. */
export function trademarkFacts(hub: HubQuery, numbers: readonly string[]): Promise<(TrademarkFacts | null)[]> {
  return aliased<TrademarkFacts>(
    hub,
    'trademark',
    'registrationNumber',
    'String',
    'registrationNumber mark niceClass expiryDate enterprise { id } sameMarkInClass freeze { court orderNumber }',
    numbers,
  );
}

export interface CopyrightFacts {
  readonly registrationNumber: string;
  readonly enterprise: { readonly id: string } | null;
}

/** Each copyright's owner by registration number, null when it is not registered. */
export function copyrightFacts(hub: HubQuery, numbers: readonly string[]): Promise<(CopyrightFacts | null)[]> {
  return aliased<CopyrightFacts>(hub, 'copyright', 'registrationNumber', 'String', 'registrationNumber enterprise { id }', numbers);
}

export interface DataAssetFacts {
  readonly id: string;
  readonly owner: { readonly id: string };
}

/** Each data asset's owner, null when it is not registered. */
export function dataAssetFacts(hub: HubQuery, ids: readonly string[]): Promise<(DataAssetFacts | null)[]> {
  return aliased<DataAssetFacts>(hub, 'dataAsset', 'id', 'ID', 'id owner { id }', ids);
}

export interface ProtectionCaseFacts {
  readonly id: string;
  readonly appliedAt: string;
  readonly parties: readonly { readonly role: 'CLAIMANT' | 'RESPONDENT'; readonly enterprise: { readonly id: string } | null }[];
  /** Its moves, oldest first: whether staff accepted it. */
  readonly events: readonly { readonly to: string }[];
}

/** Each rights-protection case's parties (the cases subgraph's), null when there is no such case. */
export function protectionCaseFacts(hub: HubQuery, ids: readonly string[]): Promise<(ProtectionCaseFacts | null)[]> {
  return aliased<ProtectionCaseFacts>(hub, 'protectionCase', 'id', 'ID', 'id appliedAt parties { role enterprise { id } } events { to }', ids);
}

/** Whether each enterprise is registered with the centre. */
export async function enterprisesRegistered(hub: HubQuery, ids: readonly string[]): Promise<boolean[]> {
  return (await aliased<{ id: string }>(hub, 'enterprise', 'id', 'ID', 'id', ids)).map((e) => e !== null);
}
