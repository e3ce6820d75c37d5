// A change the page asks of the hub: busy while it runs, its refusal kept for an ErrorAlert, and
// everything the page has read asked again once it is made (what it changed shows everywhere).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';

export interface Action {
  readonly busy: boolean;
  readonly error: unknown;
  /** Runs `work`; its result, or undefined when the hub refused it (the refusal is in `error`). */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
  clear(): void;
}

export function useAction(): Action {
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        const result = await work();
        await queries.invalidateQueries();
        return result;
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [queries],
  );
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}
