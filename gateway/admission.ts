// Admission control: at most `inFlight` operations run at once, at most `queue` wait for a slot,
// in arrival order, each for at most `queueTimeoutMs`. Beyond that a caller is told at once to
// come back later (503), instead of waiting behind everyone else.

export class Overloaded extends Error {
  override readonly name = 'Overloaded';
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

  constructor(private readonly options: { readonly inFlight: number; readonly queue: number; readonly queueTimeoutMs: number }) {}

  /** Operations running now. */
  get running(): number {
    return this.#running;
  }

  /** Operations waiting for a slot now. */
  get queued(): number {
    return this.#queued;
  }

  /** Resolves with the slot's release once the caller may run; rejects with Overloaded. */
  enter(): Promise<() => void> {
    if (this.#running < this.options.inFlight && this.#queued === 0) {
      this.#running++;
      return Promise.resolve(this.#release());
    }
    if (this.#queued >= this.options.queue) return Promise.reject(new Overloaded(`the hub is at capacity: ${this.#queued} operations are waiting`));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => resolve(this.#release()),
        timer: undefined,
        done: false,
      };
      waiter.timer = setTimeout(() => {
        waiter.done = true;
        this.#queued--;
        reject(new Overloaded(`no capacity freed up within ${this.options.queueTimeoutMs} ms`));
      }, this.options.queueTimeoutMs);
      this.#waiting.push(waiter);
      this.#queued++;
    });
  }

  /** A release that frees its slot once, handing it to the longest waiter. */
  #release(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running--;
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
      waiter.admit();
    }
    // Drop the consumed prefix now and then, so that the array does not grow without end.
    if (this.#head > 1024 && this.#head * 2 > this.#waiting.length) {
      this.#waiting = this.#waiting.slice(this.#head);
      this.#head = 0;
    }
  }
}
