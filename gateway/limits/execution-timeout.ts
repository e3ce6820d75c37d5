// The execution timeout: the gateway's executor gives up on an operation after `timeoutMs`,
// answering TIMEOUT (504), and aborts the request's signal so that no further subgraph fetch
// of its plan starts; a fetch under way is no longer waited for.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLError } from 'graphql';

import { failure } from '../../platform/errors.js';
import type { GatewayContext } from '../context.js';

const timeoutError = (timeoutMs: number): GraphQLError =>
  failure('TIMEOUT', `the operation did not finish within ${timeoutMs} ms and was stopped; ask for less (smaller pages, fewer fields)`, {
    http: { status: 504 },
  });

/** `work`, or the signal's reason as soon as it is aborted. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Calls `fire` once `ms` have passed, unless the returned cancel is called first. */
export type ExecutionTimer = (fire: () => void, ms: number) => () => void;

/** The clock's timer: setTimeout. */
export const realTimer: ExecutionTimer = (fire, ms) => {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};

/**
 * The gateway with each operation's execution bounded by `timeoutMs`; `onTimeout` hears of each
 * one stopped. `timer` arms the bound (tests pass one they fire themselves).
 */
export function withExecutionTimeout(gateway: GatewayInterface, timeoutMs: number, onTimeout: () => void, timer: ExecutionTimer = realTimer): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const { executor } = await gateway.load(options);
      if (executor === null) return { executor };
      return {
        executor: async (requestContext) => {
          const { execution } = requestContext.context as unknown as GatewayContext;
          const cancel = timer(() => {
            onTimeout();
            execution.abort(timeoutError(timeoutMs));
          }, timeoutMs);
          try {
            return await untilAborted(executor(requestContext), execution.signal);
          } finally {
            cancel();
          }
        },
      };
    },
  };
}

type Context = GatewayContext & Record<string, unknown>;

/** A subgraph's data source that starts no fetch, and waits for none, once the operation's time is up. */
export function stoppableDataSource(inner: GraphQLDataSource<Context>, onFetch: () => void): GraphQLDataSource<Context> {
  return {
    process(options: GraphQLDataSourceProcessOptions<Context>) {
      const signal = options.context.execution?.signal;
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      onFetch();
      return signal === undefined ? inner.process(options) : untilAborted(inner.process(options), signal);
    },
  };
}
