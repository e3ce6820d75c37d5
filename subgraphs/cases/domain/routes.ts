// Which routes a protection case may take, by its kind and the rights it concerns. Pure.
import { parsePatentNumber } from '../../../standards/patent-number.js';
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

/**
 * The utility models and designs among `rights` that an adjudication of their infringement needs a
 * patent evaluation report (专利权评价报告) for: Patent Law art. 66(2) lets the department for patent
 * administration ask the patentee for CNIPA's report on a utility model or design, which no
 * substantive examination preceded; the centre asks for it on every such case, so that the case is
 * not taken up and then stalled. Inventions were examined, and need none.
 */
export function needingEvaluationReport(route: ResolutionRoute, rights: readonly IpRight[]): IpRight[] {
  if (route !== 'ADMINISTRATIVE_ADJUDICATION') return [];
  return rights.filter((r) => {
    if (r.kind !== 'PATENT') return false;
    const parsed = parsePatentNumber(r.number);
    return parsed.ok && (parsed.type === 'UTILITY_MODEL' || parsed.type === 'DESIGN' || parsed.type === 'PCT_UTILITY_MODEL');
  });
}
