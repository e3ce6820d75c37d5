// What an operation is estimated to cost, before it is planned: the IBM GraphQL cost model as
// Apollo Router's demand control applies it (an object 1, a scalar 0, a mutation's root field
// 10 more), multiplied by list sizes: a connection's `first` (or the default page), and for a
// list without pages the size declared below. graphql-query-complexity walks the operation.
import { type DocumentNode, getNamedType, getNullableType, type GraphQLSchema, isCompositeType, isListType } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

import { DEFAULT_PAGE } from '../../platform/pagination.js';

const MUTATION_COST = 10;

/**
 * The expected size of every list of objects that has no `first`, by schema coordinate. A list
 * missing here costs as DEFAULT_LIST_SIZE; a test requires every such list to be declared.
 */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // A connection's edges are sized by the connection's `first`, applied to the connection.
  'EnterpriseConnection.edges': 1,
  'PreExamCaseConnection.edges': 1,
  'ProtectionCaseConnection.edges': 1,
  'PledgeConnection.edges': 1,
  'InsurancePolicyConnection.edges': 1,
  'AnnualFeeWarningConnection.edges': 1,
  'ExpiryWarningConnection.edges': 1,
  'EvidenceConnection.edges': 1,
  'AssetEventConnection.edges': 1,
  'LicenceConnection.edges': 1,
  'InboxNotificationConnection.edges': 1,
  'WebhookSubscriptionConnection.edges': 1,
  'WebhookDeliveryConnection.edges': 1,
  'PatentConnection.edges': 1,
  'TrademarkConnection.edges': 1,
  'CopyrightConnection.edges': 1,
  'DataAssetConnection.edges': 1,
  // The catalogue of event types: fixed, outbox/notification.ts EVENT_TYPES.
  'Query.webhookEventTypes': 16,
  // An enterprise's own IP and records.
  'Enterprise.preExamCases': 5,
  'Enterprise.protectionCases': 5,
  'Enterprise.pledges': 5,
  'Enterprise.insurancePolicies': 5,
  'Patent.pledges': 2,
  'Patent.transfers': 3,
  // One compensation per ground of art. 42 at most; waiting freezes at most MAX_WAITING_FREEZES (domain/freezes.ts).
  'Patent.termCompensation': 2,
  'Patent.waitingFreezes': 3,
  'Trademark.transfers': 3,
  // The other registrations of the same mark in its class moved with a trademark (Trademark Law art. 42(2)): commonly one or two.
  'RightTransfer.together': 2,
  'Patent.insurancePolicies': 2,
  'DataAsset.pledges': 2,
  'DataAsset.insurancePolicies': 2,
  'Evidence.citedBy': 3,
  // Workflows.
  'PreExamCase.events': 8,
  'ProtectionCase.parties': 4,
  'ProtectionCase.ipRights': 5,
  'ProtectionCase.evidence': 10,
  'ProtectionCase.events': 10,
  'Pledge.collateral': 5,
  // Risks acknowledged at registration: a patent or two under invalidation, at most the collateral.
  'Pledge.acknowledgedRisks': 1,
  'Pledge.events': 5,
  // Amendments both parties made: rare, at most 20 (MAX_AMENDMENTS).
  'Pledge.amendments': 1,
  // One active pledge at most on an asset, and a few consents on a pledge.
  'Query.activePledgesOn': 1,
  'Pledge.consents': 3,
  // A chunk of the registry feed's rejected rows: a few, though a chunk may have up to 5,000.
  'PatentImportReport.rejected': 100,
  'InsurancePolicy.coveredAssets': 5,
  'InsurancePolicy.claims': 3,
  'RiskCompensation.shares': 3,
  // What an enforcement led to: an asset or two of the collateral, at most all of it.
  'RiskCompensation.disposals': 2,
  // Statistics: one row per region, industry or month; per kind of collateral, five.
  'PledgeStatistics.byCollateralKind': 5,
  'EnterpriseStatistics.byRegion': 100,
  'EnterpriseStatistics.byIndustry': 50,
  'PreExamStatistics.byIndustry': 50,
  'PreExamStatistics.byMonth': 24,
  // The cockpit's: a month list holds at most its `months` (1 to 60); banks by month a few banks' months.
  'EvidenceStatistics.depositsByMonth': 60,
  'ProtectionStatistics.byRouteAndState': 32,
  'ProtectionStatistics.openedByMonth': 60,
  'PledgeStatistics.byBankAndMonth': 600,
  'PledgeStatistics.byState': 3,
  'WarningStatistics.annualFeesByMonth': 60,
  'WarningStatistics.expiriesByMonth': 60,
};

/** Lists sized by their field's name wherever it stands: every mutation payload's problems. */
export const LIST_SIZES_BY_NAME: Readonly<Record<string, number>> = {
  userErrors: 3,
};

export const DEFAULT_LIST_SIZE = 10;

/** Bulk lookups: a list as long as the keys asked (MAX_BULK at most), by the argument that holds them. */
export const KEYED_LISTS: Readonly<Record<string, string>> = {
  'Query.patents': 'applicationNumbers',
  'Query.enterprisesByCreditCode': 'usccs',
  'Query.verifyEvidences': 'contentDigests',
};

export interface OperationCost {
  readonly cost: number;
  /** The largest `first` the operation asks for (0 when none). */
  readonly largestPage: number;
}

/** Estimates the operation's cost with its variables; throws a GraphQLError for bad variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): OperationCost {
  let largestPage = 0;
  const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    // Introspection reads the schema, whose size is fixed, never the data (and only roles allowed it may ask).
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
    const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
    let size = 1;
    if (field.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE;
      largestPage = Math.max(largestPage, first);
      size = Math.max(first, 0);
    } else if (isListType(getNullableType(field.type))) {
      const coordinate = `${type.name}.${field.name}`;
      const keys = KEYED_LISTS[coordinate] === undefined ? undefined : args[KEYED_LISTS[coordinate]];
      size = Array.isArray(keys) ? keys.length : (LIST_SIZES[coordinate] ?? LIST_SIZES_BY_NAME[field.name] ?? DEFAULT_LIST_SIZE);
    }
    return (type.name === schema.getMutationType()?.name ? MUTATION_COST : 0) + size * (own + childComplexity);
  };
  const cost = getComplexity({ schema, query: document, variables, estimators: [estimator], ...(operationName === undefined ? {} : { operationName }) });
  return { cost, largestPage };
}
