// Summaries of latency samples, as every benchmark reports them.

/** The p-quantile (0..1) of the values, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return Number(sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!.toFixed(2));
}

export const max = (values: readonly number[]): number => Number(values.reduce((m, v) => (v > m ? v : m), 0).toFixed(2));
