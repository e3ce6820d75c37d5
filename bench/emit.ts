// A benchmark's output: one JSON object per figure on stdout, progress on stderr.
export const emit = (name: string, value: number, unit: string, extra: Record<string, unknown> = {}): void =>
  console.log(JSON.stringify({ name, value, unit, ...extra }));
