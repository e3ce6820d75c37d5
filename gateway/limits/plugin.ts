// The Apollo Server plugin that applies the operation limits once an operation is parsed and
// validated, before the gateway plans it, and charges the caller's rate budget with its cost.
// Callers without a key also get validation errors without field suggestions.
import type { ApolloServerPlugin } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { GraphQLError } from 'graphql';

import { failure } from '../../platform/errors.js';
import type { GatewayContext } from '../context.js';
import type { GatewayMetrics } from '../metrics.js';
import type { Limits } from './limits.js';
import { checkOperation } from './operation-limits.js';
import type { RateLimited, RateLimits } from './rate-limits.js';

/** The 429 answer inside Apollo: the code, the Retry-After header and field. */
function rateLimitedError(limited: RateLimited, whose: string): GraphQLError {
  return failure('RATE_LIMITED', rateLimitedMessage(limited, whose), {
    retryAfter: limited.retryAfter,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(limited.retryAfter)]]) },
  });
}

export const rateLimitedMessage = (limited: RateLimited, whose: string): string =>
  `${whose} has used its rate limit for this ${limited.windowSeconds}-second window; retry after ${limited.retryAfter} s`;

/** Whose budget a request spends: a partner key's, a person's account's (a session), or an address's. */
export const rateSubjectOf = (context: GatewayContext): 'key' | 'account' | 'address' =>
  context.identity === undefined ? 'address' : context.caller.rate?.key.startsWith('account:') ? 'account' : 'key';
export const rateOwner = (context: GatewayContext): string => `this ${rateSubjectOf(context)}`;

export function limitsPlugin(limits: Limits, rate: RateLimits, metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  const hideSuggestions = ApolloServerPluginDisableSuggestions();
  return {
    async requestDidStart(start) {
      const hidden = start.contextValue.identity === undefined ? await hideSuggestions.requestDidStart?.(start as never) : undefined;
      return {
        ...(hidden?.validationDidStart === undefined ? {} : { validationDidStart: hidden.validationDidStart }),
        async didResolveOperation({ schema, document, request, operationName, contextValue }) {
          const { caller, identity } = contextValue;
          let cost: number;
          try {
            cost = checkOperation({ schema, document, variables: request.variables, operationName }, caller, identity, limits);
          } catch (err) {
            const code = err instanceof GraphQLError ? err.extensions.code : undefined;
            if (typeof code === 'string') metrics.refused(code);
            if (caller.rate !== undefined) await rate.chargeRefusal(caller.rate);
            throw err;
          }
          if (caller.rate === undefined) return;
          const { limited, budget } = await rate.chargeAndTell(caller.rate, cost);
          contextValue.rateLimit = budget;
          if (limited !== undefined) {
            metrics.refused('RATE_LIMITED');
            metrics.rateLimited(rateSubjectOf(contextValue));
            throw rateLimitedError(limited, rateOwner(contextValue));
          }
        },
        // Every answer tells a charged caller its budget (IETF draft RateLimit header fields): after this operation's charge, or as it stands when refused before it.
        async willSendResponse({ contextValue, response }) {
          const subject = contextValue.caller.rate;
          if (subject === undefined) return;
          const budget = contextValue.rateLimit ?? (await rate.budget(subject));
          response.http.headers.set('ratelimit-limit', String(budget.limit));
          response.http.headers.set('ratelimit-remaining', String(budget.remaining));
          response.http.headers.set('ratelimit-reset', String(Math.max(0, Math.ceil((Date.parse(budget.resetAt) - Date.now()) / 1000))));
        },
      };
    },
  };
}
