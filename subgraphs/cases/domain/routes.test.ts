import { describe, expect, it } from 'vitest';

import { needingEvaluationReport, routeRefusal } from './routes.js';

const patent = { kind: 'PATENT' as const, number: '201510958772.0' };
const mark = { kind: 'TRADEMARK' as const, number: '12345678' };

describe('the routes a protection case may take', () => {
  it('opens administrative adjudication to patent infringement alone (Patent Law art. 65)', () => {
    expect(routeRefusal('INFRINGEMENT', 'ADMINISTRATIVE_ADJUDICATION', [patent])).toBeUndefined();
    expect(routeRefusal('INFRINGEMENT', 'ADMINISTRATIVE_ADJUDICATION', [patent, mark])).toBe(
      'administrative adjudication decides patent infringement only (Patent Law art. 65): trademark 12345678 is not a patent; apply for it separately by mediation, arbitration or the court',
    );
  });

  it('sends ownership and contract disputes to mediation, arbitration or a court, not adjudication (专利行政执法办法 art. 27)', () => {
    expect(routeRefusal('OWNERSHIP', 'ADMINISTRATIVE_ADJUDICATION', [patent])).toMatch(/ownership dispute is mediated, arbitrated or taken to court/);
    expect(routeRefusal('CONTRACT', 'ADMINISTRATIVE_ADJUDICATION', [patent])).toMatch(/contract dispute/);
    for (const route of ['MEDIATION', 'ARBITRATION', 'COURT_REFERRAL'] as const)
      for (const kind of ['INFRINGEMENT', 'OWNERSHIP', 'CONTRACT'] as const) expect(routeRefusal(kind, route, [mark])).toBeUndefined();
  });

  it('asks a utility model’s or design’s adjudication for its evaluation report (Patent Law art. 66(2)), not an invention’s', () => {
    const utility = { kind: 'PATENT' as const, number: '201620123456.1' };
    const design = { kind: 'PATENT' as const, number: '201630123456.7' };
    expect(needingEvaluationReport('ADMINISTRATIVE_ADJUDICATION', [patent, utility, design])).toEqual([utility, design]);
    expect(needingEvaluationReport('MEDIATION', [utility])).toEqual([]);
  });
});
