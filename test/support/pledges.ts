// A pledge as the law has it made (专利权质押登记办法 art. 7(1)): applied for jointly, the pledgee
// proposing on the signed contract and the pledgor confirming as itself; or, at the counter, a paper
// application both signed that centre staff record.
import { gql, type GraphQLClient } from 'graphql-request';

/** A signed contract, as the tests apply on it: signed before any test's today. */
export const PLEDGE_CONTRACT = { date: '2025-12-01', digest: 'c0'.repeat(32) };

/**
 * Proposes `input` (ProposePledgeInput without the contract) as `pledgee`, confirms it as
 * `pledgor` (acknowledging the same invalidations) and answers the pledge with `fields`.
 */
export async function pledgeJointly<T>(
  pledgee: GraphQLClient,
  pledgor: GraphQLClient,
  input: Record<string, unknown>,
  fields = 'id',
): Promise<T & { id: string }> {
  const { proposePledge } = await pledgee.request<{ proposePledge: { id: string } }>(
    gql`
      mutation ($input: ProposePledgeInput!) {
        proposePledge(input: $input) {
          id
        }
      }
    `,
    { input: { contract: PLEDGE_CONTRACT, ...input } },
  );
  const { confirmPledge } = await pledgor.request<{ confirmPledge: T & { id: string } }>(
    `mutation ($input: ConfirmPledgeInput!) { confirmPledge(input: $input) { id ${fields} } }`,
    { input: { pledgeId: proposePledge.id, acknowledgedInvalidations: input.acknowledgedInvalidations ?? [] } },
  );
  return confirmPledge;
}
