// Operation labels come from a fixed set: a caller's made-up names cannot add series.
import { describe, expect, it } from 'vitest';

import { operationLabel } from './metrics.js';

describe('operationLabel', () => {
  const known = new Set(['Cockpit', 'Deposit']);
  it('keeps a known name, as asked or as the gateway names its fetch to a subgraph', () => {
    expect(operationLabel('Cockpit', known)).toBe('Cockpit');
    expect(operationLabel('Deposit__evidence__0', known)).toBe('Deposit');
  });
  it('counts any other name as other, and none as anonymous', () => {
    expect(operationLabel('Probe4711', known)).toBe('other');
    expect(operationLabel('Cockpit2', known)).toBe('other');
    expect(operationLabel(undefined, known)).toBe('anonymous');
    expect(operationLabel(null, known)).toBe('anonymous');
  });
});
