// Which routes a protection case may take, by its kind and the rights it concerns. Pure.
import type { IpRight, ProtectionKind, ResolutionRoute } from './model.js';

/**
 * Why `route` is not open to a case of `kind` over `rights`, or undefined when it is.
 * Administrative adjudication (行政裁决) decides patent infringement disputes alone: Patent Law
 * art. 65 has the department for patent administration handle an infringement of a patent at the
 * patentee's or an interested party's request; an ownership dispute (专利申请权和专利权归属纠纷) or a
 * contract dispute is mediated there, not decided (the Implementing Regulations' mediation rule:
 * rule 85 of the 2010 text, 可以对下列专利纠纷进行调解; its number in the 2023 text is unconfirmed here;
 * 专利行政执法办法 art. 27), and trademark and copyright infringements are handled under their own
 * laws by other departments. Mediation, arbitration (on the parties' agreement) and a court stay open to every kind.
 */
export function routeRefusal(kind: ProtectionKind, route: ResolutionRoute, rights: readonly IpRight[]): string | undefined {
  if (route !== 'ADMINISTRATIVE_ADJUDICATION') return undefined;
  if (kind !== 'INFRINGEMENT') {
    return `administrative adjudication decides patent infringement disputes only (Patent Law art. 65); a ${kind.toLowerCase()} dispute is mediated, arbitrated or taken to court`;
  }
  const others = rights.filter((r) => r.kind !== 'PATENT');
  if (others.length > 0) {
    return `administrative adjudication decides patent infringement only (Patent Law art. 65): ${others.map((r) => `${r.kind.toLowerCase()} ${r.number}`).join(', ')} is not a patent; apply for it separately by mediation, arbitration or the court`;
  }
  return undefined;
}
