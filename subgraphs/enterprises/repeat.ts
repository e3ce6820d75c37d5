// Background work on a clock: run now, then every interval, until stopped; a run that fails is
// logged and tried again at the next. The enterprises subgraph's schedulers run on it.

export interface Repeating {
  /** Stops the clock and waits for a run under way. */
  stop(): Promise<void>;
}

export interface RepeatOptions {
  /** The clock (ms since the epoch): tests set the day. */
  readonly now?: () => number;
  readonly log?: (message: string, err: unknown) => void;
}

/** Runs `work` at the clock's instant now, then every `intervalMs`; `name` says whose run failed. */
export function repeat(name: string, intervalMs: number, work: (at: Date) => Promise<unknown>, options: RepeatOptions = {}): Repeating {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, err) => console.error(message, err));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = (): void => {
    running = (async () => {
      try {
        await work(new Date(now()));
      } catch (err) {
        log(`${name}: this run failed; the next one tries again`, err);
      }
      if (!stopped) timer = setTimeout(run, intervalMs).unref();
    })();
  };
  run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
