// Admission to password hashing: each scrypt hash takes 128 MiB and about half a second, so at most
// `concurrent` run at once and `queue` wait, in arrival order; beyond that a request is refused at
// once (503) rather than exhausting the hub's memory. Sign-in, password change and account
// creation all pass through it.
import type { Registry } from 'prom-client';

import { counter, sampledGauge } from '../../platform/metrics.js';
import { Overloaded } from '../limits/admission.js';
import type { Limits } from '../limits/limits.js';

export class HashingAdmission {
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    private readonly limits: Limits['passwordHashing'],
    /** Told of each piece of work let in. */
    private readonly admitted: () => void = () => {},
  ) {}

  get running(): number {
    return this.#running;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /** Seconds for a full queue to drain at about two hashes a second per place: the Retry-After of a refusal. */
  get retryAfter(): number {
    return Math.max(1, Math.ceil(this.limits.queue / this.limits.concurrent / 2));
  }

  /** Runs `work` in a place, waiting for one if need be; rejects with Overloaded when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running < this.limits.concurrent) this.#running++;
    else if (this.#waiting.length >= this.limits.queue) throw new Overloaded(`${this.#waiting.length} password checks are waiting already`);
    // A finishing piece of work hands its place straight to the longest waiter.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.admitted();
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next === undefined) this.#running--;
      else next();
    }
  }
}

/** A HashingAdmission counted at /metrics: the hashes let in, and those running and waiting now. */
export function countedHashingAdmission(limits: Limits['passwordHashing'], registry: Registry): HashingAdmission {
  const hashed = counter(registry, 'iphub_gateway_password_hashing_total', 'Sign-ins, password changes and account creations let in to hash a password');
  const admission = new HashingAdmission(limits, () => hashed.inc());
  sampledGauge(
    registry,
    'iphub_gateway_password_hashing',
    'Password hashing running and waiting now',
    (set) => {
      set(admission.running, { state: 'running' });
      set(admission.queued, { state: 'waiting' });
    },
    ['state'],
  );
  return admission;
}
