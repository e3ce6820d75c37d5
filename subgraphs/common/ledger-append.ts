// Appending to the ledger from a mutation: its refusals and failures as GraphQL errors.
import { type AppendInput, LedgerInputError } from '../../ledger/index.js';
import { type Ledger, LedgerUnavailableError, type Receipt } from '../../ledger/index.js';
import { badInput, failure } from '../../platform/errors.js';

/**
 * BAD_USER_INPUT for what the ledger refuses; LEDGER_UNAVAILABLE when it cannot write, with
 * `extensions.outcome` NOT_RECORDED (nothing changed) or UNKNOWN (sent but not confirmed in time),
 * naming the caller's idempotency key, when there is one, to send the same request again with.
 */
export async function appendOrFail(ledger: Ledger, input: AppendInput, what: string, idempotencyKey?: string): Promise<Receipt> {
  try {
    return await ledger.append(input);
  } catch (err) {
    if (err instanceof LedgerInputError) throw badInput(err.message);
    if (err instanceof LedgerUnavailableError) {
      if (err.outcomeUnknown) {
        if (idempotencyKey !== undefined)
          throw failure(
            'LEDGER_UNAVAILABLE',
            `the ledger did not confirm the ${what} in time; it may still be recorded: send the same request with idempotencyKey ${JSON.stringify(idempotencyKey)} again, and the hub answers with it, recorded once`,
            { outcome: 'UNKNOWN', idempotencyKey },
          );
        throw failure(
          'LEDGER_UNAVAILABLE',
          `the ledger did not confirm the ${what} in time; it may still be recorded: look for it before you try again (an idempotencyKey makes such a retry safe)`,
          { outcome: 'UNKNOWN' },
        );
      }
      throw failure('LEDGER_UNAVAILABLE', `the ledger could not record the ${what}; nothing changed, try again`, { outcome: 'NOT_RECORDED' });
    }
    throw err;
  }
}
