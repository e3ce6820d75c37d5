// What the case forms read of the enterprise: its name and industry, its rights to pick from,
// its newest deposits to cite.
import { useGraphQL } from '../../../hooks/usePages';

const OWN = `query CaseFormsOwn($id: ID!) {
  enterprise(id: $id) {
    id name industry
    patents { applicationNumber title status }
    trademarks { registrationNumber mark }
    copyrights { registrationNumber title }
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

export function useOwn(enterpriseId: string) {
  return useGraphQL<{ enterprise: Own | null }>(OWN, { id: enterpriseId });
}
