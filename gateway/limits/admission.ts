// Admission control: at most `inFlight` operations run at once, at most `queue` wait for a slot,
// in arrival order, each for at most `queueTimeoutMs`, and no caller holds more than `perCaller`
// of the running and waiting places. Beyond that a caller is told at once to come back later,
// instead of waiting behind everyone else.

/** The hub is full: 503. */
export class Overloaded extends Error {
  override readonly name = 'Overloaded';
}

/** This caller holds its share already: 429. */
export class CallerBusy extends Error {
  override readonly name = 'CallerBusy';
}

interface Waiter {
  readonly admit: () => void;
  timer: NodeJS.Timeout | undefined;
  done: boolean;
}

export class Admission {
  #running = 0;
  /** FIFO; entries whose wait timed out stay until they reach the head, marked done. */
  #waiting: Waiter[] = [];
  #head = 0;
  #queued = 0;
  /** Places (running or waiting) held by each caller. */
  readonly #held = new Map<string, number>();

  constructor(private readonly options: { readonly inFlight: number; readonly queue: number; readonly queueTimeoutMs: number; readonly perCaller: number }) {}

  /** Operations running now. */
  get running(): number {
    return this.#running;
  }

  /** Operations waiting for a slot now. */
  get queued(): number {
    return this.#queued;
  }

  /**
   * Resolves with the slot's release once `caller` may run; rejects with Overloaded or CallerBusy.
   * A waiter is let in on a later turn of the event loop, so that a released slot does not chain
   * the next operation into the turn that finished the last one.
   */
  enter(caller: string): Promise<() => void> {
    const held = this.#held.get(caller) ?? 0;
    if (held >= this.options.perCaller) return Promise.reject(new CallerBusy(`${held} operations of this caller are running or waiting already`));
    if (this.#running < this.options.inFlight && this.#queued === 0) {
      this.#running++;
      this.#hold(caller, 1);
      return Promise.resolve(this.#release(caller));
    }
    if (this.#queued >= this.options.queue) return Promise.reject(new Overloaded(`the hub is at capacity: ${this.#queued} operations are waiting`));
    this.#hold(caller, 1);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => resolve(this.#release(caller)),
        timer: undefined,
        done: false,
      };
      waiter.timer = setTimeout(() => {
        waiter.done = true;
        this.#queued--;
        this.#hold(caller, -1);
        reject(new Overloaded(`no capacity freed up within ${this.options.queueTimeoutMs} ms`));
      }, this.options.queueTimeoutMs);
      this.#waiting.push(waiter);
      this.#queued++;
    });
  }

  #hold(caller: string, delta: number): void {
    const held = (this.#held.get(caller) ?? 0) + delta;
    if (held === 0) this.#held.delete(caller);
    else this.#held.set(caller, held);
  }

  /** A release that frees its slot once, handing it to the longest waiter. */
  #release(caller: string): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running--;
      this.#hold(caller, -1);
      this.#next();
    };
  }

  #next(): void {
    while (this.#running < this.options.inFlight && this.#head < this.#waiting.length) {
      const waiter = this.#waiting[this.#head++]!;
      if (waiter.done) continue;
      waiter.done = true;
      clearTimeout(waiter.timer);
      this.#queued--;
      this.#running++;
      setImmediate(waiter.admit);
    }
    // Drop the consumed prefix now and then, so that the array does not grow without end.
    if (this.#head > 1024 && this.#head * 2 > this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
  }
}
