// Failed sign-ins counted per username (whether or not an account has it) and per address, and
// checked before any password is hashed: guessing costs the guesser, not the hub. A sign-in is
// counted as a failure before its password is hashed (attempt) and given back when it was right,
// so guesses sent at once cannot all pass the check.
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

  /** Counts a sign-in as a failure of both before its password is hashed; blocked, counting nothing, when either has none left. */
  async attempt(address: string, username: string): Promise<SignInBlocked | undefined> {
    const account = usernameKey(username);
    const byAccount = await this.#account.charge(account);
    if (byAccount !== undefined) return { ...byAccount, by: 'account' };
    const byAddress = await this.#address.charge(address);
    if (byAddress === undefined) return undefined;
    await this.#account.release(account);
    return { ...byAddress, by: 'address' };
  }

  /** An attempt that never checked its password (the hashing refused it): its counts given back. */
  async abandoned(address: string, username: string): Promise<void> {
    await this.#account.release(usernameKey(username));
    await this.#address.release(address);
  }

  /**
   * The account's failures are forgotten once its password is given right; `address`: the
   * address's count for this attempt (counted by attempt) is given back too.
   */
  async succeeded(username: string, address?: string): Promise<void> {
    await this.#account.reset(usernameKey(username));
    if (address !== undefined) await this.#address.release(address);
  }
}
