// A creating form's idempotency key: the same for every attempt at one submission, so that a retry
// after a timeout or a second click makes the thing once; a new one once it is made.
import { useState } from 'react';

/** 128 random bits as hex: crypto.getRandomValues works on plain http too, where randomUUID does not. */
export const newIdempotencyKey = (): string => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The key for the submission under way, and what to call once it succeeded. */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(newIdempotencyKey);
  return [key, () => setKey(newIdempotencyKey())];
}
