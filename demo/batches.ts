// Writing a long list a batch (one transaction, or one round of concurrent appends) at a time.

export async function inBatches<T>(items: readonly T[], run: (batch: readonly T[]) => Promise<void>, size: number): Promise<void> {
  for (let i = 0; i < items.length; i += size) await run(items.slice(i, i + size));
}
