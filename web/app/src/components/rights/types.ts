// A patent's or trademark's record as the registry pages read it: its lifecycle, its history, its
// transfers and licences. Staff read the parties' names; an enterprise may not read another
// enterprise (the hub refuses), so its pages leave them out (`$parties: false`).
import type { Receipt } from '../Certificate';

export interface Party {
  readonly id: string;
  readonly name: string;
}

export interface Transfer {
  readonly id: string;
  readonly contractDate: string;
  readonly contractDigest: string;
  readonly registeredAt: string;
  readonly receipt: Receipt;
  readonly certificate: unknown;
  readonly from?: Party | null;
  readonly to?: Party | null;
}

export interface Licence {
  readonly id: string;
  readonly kind: string;
  readonly territory: readonly string[];
  readonly term: { readonly startDate: string; readonly endDate: string };
  readonly royalty: string | null;
  readonly royaltyTerms: string | null;
  readonly contractDate: string;
  readonly contractDigest: string;
  readonly registeredAt: string;
  readonly receipt: Receipt;
  readonly certificate: unknown;
  readonly licensor?: Party | null;
  readonly licensee?: Party | null;
}

export interface Licences {
  readonly edges: readonly { readonly node: Licence }[];
  readonly pageInfo: { readonly hasNextPage: boolean };
}

/** Where a patent stands: what PatentState shows. */
export interface PatentLifecycle {
  readonly applicationNumber: string;
  readonly type: string;
  readonly title: string;
  readonly status: string;
  readonly filingDate: string;
  readonly grantDate: string | null;
  readonly grantPublicationNumber: string | null;
  readonly protectionEndsOn: string;
  readonly lapsedOn: string | null;
  readonly terminationNoticeOn: string | null;
  readonly enterprise: Party | null;
  readonly annualFee: {
    readonly state: string;
    readonly nextDueDate: string | null;
    readonly graceEndsOn: string | null;
    readonly surchargePercent: number;
    readonly lapsedOn: string | null;
  } | null;
  readonly freeze: { readonly court: string; readonly orderNumber: string; readonly frozenOn: string } | null;
  readonly invalidation: {
    readonly requestedOn: string;
    readonly requester: string;
    readonly pending: boolean;
    readonly decision: string | null;
    readonly decidedOn: string | null;
  } | null;
}

export interface PatentRecord extends PatentLifecycle {
  readonly transfers: readonly Transfer[];
  readonly licences: Licences;
}

/** The fields of PatentLifecycle, for a query. */
export const PATENT_LIFECYCLE_FIELDS = `applicationNumber type title status filingDate grantDate grantPublicationNumber protectionEndsOn lapsedOn terminationNoticeOn
    enterprise { id name }
    annualFee { state nextDueDate graceEndsOn surchargePercent lapsedOn }
    freeze { court orderNumber frozenOn }
    invalidation { requestedOn requester pending decision decidedOn }`;

export interface TrademarkRecord {
  readonly registrationNumber: string;
  readonly mark: string;
  readonly niceClass: number;
  readonly niceClassName: string;
  readonly goods: readonly string[];
  readonly registrationDate: string;
  readonly expiryDate: string;
  readonly renewalWindow: { readonly opens: string; readonly closes: string };
  readonly transfers: readonly Transfer[];
  readonly licences: Licences;
}

/** How many licences a record page shows (the API's largest page). */
const LICENCES_SHOWN = 100;

const TRANSFER_FIELDS = `id contractDate contractDigest registeredAt receipt { seq entryHash timestamp } certificate
  from @include(if: $parties) { id name } to @include(if: $parties) { id name }`;
const LICENCE_FIELDS = `id kind territory term { startDate endDate } royalty royaltyTerms contractDate contractDigest registeredAt
  receipt { seq entryHash timestamp } certificate licensor @include(if: $parties) { id name } licensee @include(if: $parties) { id name }`;

export const PATENT_RECORD = `query PatentRecord($number: String!, $parties: Boolean!) {
  patent(applicationNumber: $number) {
    ${PATENT_LIFECYCLE_FIELDS}
    transfers { ${TRANSFER_FIELDS} }
    licences(first: ${LICENCES_SHOWN}) { edges { node { ${LICENCE_FIELDS} } } pageInfo { hasNextPage } }
  }
}`;

export const TRADEMARK_RECORD = `query TrademarkRecord($number: String!, $parties: Boolean!) {
  trademark(registrationNumber: $number) {
    registrationNumber mark niceClass niceClassName goods registrationDate expiryDate renewalWindow { opens closes }
    transfers { ${TRANSFER_FIELDS} }
    licences(first: ${LICENCES_SHOWN}) { edges { node { ${LICENCE_FIELDS} } } pageInfo { hasNextPage } }
  }
}`;
