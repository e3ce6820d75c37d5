// What the case forms read of the enterprise: its name and industry, its rights to pick from (the
// first page of each, 100: an enterprise with more types the number), its newest deposits to cite.
import { type Connection, useGraphQL } from '../../../hooks/usePages';

const OWN = `query CaseFormsOwn($id: ID!) {
  enterprise(id: $id) {
    id name industry
    patents(first: 100) { edges { node { applicationNumber title status } } }
    trademarks(first: 100) { edges { node { registrationNumber mark } } }
    copyrights(first: 100) { edges { node { registrationNumber title } } }
    evidence(first: 100) { id title depositedAt }
  }
}`;

export interface Own {
  readonly id: string;
  readonly name: string;
  readonly industry: string;
  readonly patents: readonly { readonly applicationNumber: string; readonly title: string; readonly status: string }[];
  readonly trademarks: readonly { readonly registrationNumber: string; readonly mark: string }[];
  readonly copyrights: readonly { readonly registrationNumber: string; readonly title: string }[];
  readonly evidence: readonly { readonly id: string; readonly title: string; readonly depositedAt: string }[] | null;
}

type Answer = Omit<Own, 'patents' | 'trademarks' | 'copyrights'> & {
  readonly patents: Connection<Own['patents'][number]>;
  readonly trademarks: Connection<Own['trademarks'][number]>;
  readonly copyrights: Connection<Own['copyrights'][number]>;
};

const nodes = <N>(c: Connection<N>): N[] => c.edges.map((e) => e.node);

export function useOwn(enterpriseId: string) {
  const query = useGraphQL<{ enterprise: Answer | null }>(OWN, { id: enterpriseId });
  const data = query.data && {
    enterprise: query.data.enterprise && {
      ...query.data.enterprise,
      patents: nodes(query.data.enterprise.patents),
      trademarks: nodes(query.data.enterprise.trademarks),
      copyrights: nodes(query.data.enterprise.copyrights),
    },
  };
  return { error: query.error, data };
}
