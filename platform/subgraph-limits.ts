// A subgraph's own bounds on what it runs, behind the gateway's (gateway/limits): the gateway
// refuses what a caller may not ask long before a fetch is planned, so these only stop what did not
// come through it (a process holding a stolen key). They are looser than a partner's budget, as a
// fetch carries more than its operation: key fields, __typename, the _entities wrapper, and
// entity lists as long as the results they join.
import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  type GraphQLError,
  isCompositeType,
  isListType,
  NoSchemaIntrospectionCustomRule,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity';

import { failure } from './errors.js';
import { DEFAULT_PAGE } from './pagination.js';

export interface SubgraphLimits {
  readonly depth: number;
  readonly aliases: number;
  readonly directives: number;
  /** Lexical tokens in a fetch's document. */
  readonly tokens: number;
  /** Objects 1, scalars 0, times list sizes: `_entities` by its representations, a page by `first`, other lists 10. */
  readonly cost: number;
}

/** The partner budget's (12 deep, 5,000 tokens, cost 10,000) with room for what a fetch adds. */
export const DEFAULT_SUBGRAPH_LIMITS: SubgraphLimits = { depth: 16, aliases: 100, directives: 100, tokens: 20_000, cost: 100_000 };

const LIST_SIZE = 10;

/** Armor's refusals reported as validation errors (GRAPHQL_VALIDATION_FAILED), not thrown: thrown, they read as the server's own failure. */
const reported = {
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  propagateOnRejection: false,
};

/** The ApolloServer options that bound a subgraph: no introspection, the shape rules, the token limit, and the cost plugin. */
export function subgraphLimits(limits: SubgraphLimits = DEFAULT_SUBGRAPH_LIMITS): {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  plugin: ApolloServerPlugin;
} {
  return {
    validationRules: [
      NoSchemaIntrospectionCustomRule,
      maxDepthRule({ n: limits.depth, ...reported }),
      maxAliasesRule({ n: limits.aliases, ...reported }),
      maxDirectivesRule({ n: limits.directives, ...reported }),
    ],
    parseOptions: { maxTokens: limits.tokens },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, document, schema }) {
            const variables = request.variables ?? {};
            const estimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
              const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
              let size = 1;
              if (field.name === '_entities') size = Array.isArray(args.representations) ? args.representations.length : LIST_SIZE;
              else if (field.args.some((a) => a.name === 'first')) size = Math.max(typeof args.first === 'number' ? args.first : DEFAULT_PAGE, 0);
              else if (isListType(getNullableType(field.type))) size = LIST_SIZE;
              return size * (own + childComplexity);
            };
            const cost = getComplexity({
              schema,
              query: document,
              variables,
              estimators: [estimator],
              ...(request.operationName === undefined ? {} : { operationName: request.operationName }),
            });
            if (cost > limits.cost)
              throw failure('COST_LIMIT_EXCEEDED', `the fetch is estimated at ${cost}; this subgraph runs at most ${limits.cost}`, {
                measured: cost,
                limit: limits.cost,
                http: { status: 400 },
              });
          },
        };
      },
    },
  };
}
