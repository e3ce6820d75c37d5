// Failed sign-ins counted per username (whether or not an account has it) and per address, and
// checked before any password is hashed: guessing costs the guesser, not the hub.
import { usernameKey } from '../accounts/store/port.js';
import type { Limits } from '../limits/limits.js';
import { FailureLimit, type RateLimited, type RateStore } from '../limits/rate-limits.js';

export interface SignInBlocked extends RateLimited {
  readonly by: 'account' | 'address';
}

export class SignInLimits {
  readonly #account: FailureLimit;
  readonly #address: FailureLimit;

  constructor(limits: Limits['signIn'], store: RateStore) {
    this.#account = new FailureLimit(store, 'sign-in-account', limits.windowSeconds, limits.failuresPerAccount);
    this.#address = new FailureLimit(store, 'sign-in-address', limits.windowSeconds, limits.failuresPerAddress);
  }

  async blocked(address: string, username: string): Promise<SignInBlocked | undefined> {
    const byAccount = await this.#account.blocked(usernameKey(username));
    if (byAccount !== undefined) return { ...byAccount, by: 'account' };
    const byAddress = await this.#address.blocked(address);
    return byAddress === undefined ? undefined : { ...byAddress, by: 'address' };
  }

  async failed(address: string, username: string): Promise<void> {
    await this.#account.failed(usernameKey(username));
    await this.#address.failed(address);
  }

  /** The account's failures are forgotten once its password is given right. */
  async succeeded(username: string): Promise<void> {
    await this.#account.reset(usernameKey(username));
  }
}
