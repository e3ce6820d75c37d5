// Appending to the ledger from a mutation: its refusals and failures as GraphQL errors.
import { type AppendInput, LedgerInputError } from '../../ledger/index.js';
import { type Ledger, LedgerUnavailableError, type Receipt } from '../../ledger/index.js';
import { badInput, failure } from '../../platform/errors.js';

/**
 * BAD_USER_INPUT for what the ledger refuses; LEDGER_UNAVAILABLE when it cannot write, with
 * `extensions.outcome` NOT_RECORDED (nothing changed) or UNKNOWN (sent but not confirmed in time).
 */
export async function appendOrFail(ledger: Ledger, input: AppendInput, what: string): Promise<Receipt> {
  try {
    return await ledger.append(input);
  } catch (err) {
    if (err instanceof LedgerInputError) throw badInput(err.message);
    if (err instanceof LedgerUnavailableError) {
      if (err.outcomeUnknown) {
        throw failure('LEDGER_UNAVAILABLE', `the ledger did not confirm the ${what} in time; it may still be recorded: look for it before you try again`, {
          outcome: 'UNKNOWN',
        });
      }
      throw failure('LEDGER_UNAVAILABLE', `the ledger could not record the ${what}; nothing changed, try again`, { outcome: 'NOT_RECORDED' });
    }
    throw err;
  }
}
