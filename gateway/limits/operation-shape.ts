// The shape of an operation document, measured once per parsed document: depth, aliases and
// directives by graphql-armor's rules, root fields and fragment spreads by two small rules of
// our own (armor has none), and whether it introspects. Tokens are counted in the text, before
// parsing.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type ASTNode,
  type ASTVisitor,
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  Lexer,
  NoSchemaIntrospectionCustomRule,
  type SelectionSetNode,
  Source,
  TokenKind,
  validate,
  type ValidationContext,
} from 'graphql';

import type { OperationBudget } from './limits.js';

export type Shape = Omit<OperationBudget, 'cost' | 'tokens'> & {
  readonly introspection: boolean;
  /** Whether a variable sizes a list (`first`) or switches a selection (a directive): then the cost depends on the variables. */
  readonly costVaries: boolean;
};

/** A count per operation; the document's measure is the largest. */
type Counter = (n: number) => void;

/** Armor's rules measure and report through onAccept; a limit they never reach keeps them from refusing. */
const measuring = (record: Counter) => ({
  n: Number.MAX_SAFE_INTEGER,
  onAccept: [(_ctx: unknown, details: { n: number }) => record(details.n)],
  propagateOnRejection: false,
});

/** Fields selected at each operation's root, through fragments. */
const rootFieldsRule =
  (record: Counter) =>
  (context: ValidationContext): ASTVisitor => {
    const count = (set: SelectionSetNode, seen: Set<string>): number => {
      let n = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) n += s.name.value === '__typename' ? 0 : 1;
        else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet, seen);
        else if (!seen.has(s.name.value)) {
          seen.add(s.name.value);
          const fragment = context.getFragment(s.name.value);
          if (fragment !== undefined && fragment !== null) n += count(fragment.selectionSet, seen);
        }
      }
      return n;
    };
    return { OperationDefinition: (op) => void record(count(op.selectionSet, new Set())) };
  };

/** Whether a variable feeds a `first` argument or a directive's argument (at any depth of its value). */
const costVariablesRule = (record: () => void) => (): ASTVisitor => ({
  Variable: (_node, _key, parent, _path, ancestors) => {
    for (const a of [...ancestors, parent]) {
      if (a === undefined || Array.isArray(a)) continue;
      const node = a as ASTNode;
      if ((node.kind === Kind.ARGUMENT && node.name.value === 'first') || node.kind === Kind.DIRECTIVE) record();
    }
  },
});

/** `...Fragment` spreads written in the document. */
const fragmentSpreadsRule = (record: Counter) => (): ASTVisitor => {
  let n = 0;
  return { FragmentSpread: () => void n++, Document: { leave: () => void record(n) } };
};

/**
 * Lexical tokens in an operation's text, counted no further than `upTo` (lexing is cheap beside
 * parsing and validating, so a document over a caller's budget is refused before either). Text
 * that does not lex is counted up to the fault: the parser reports the fault.
 */
export function countTokens(source: string, upTo: number): number {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  try {
    while (n < upTo && lexer.advance().kind !== TokenKind.EOF) n++;
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
  }
  return n;
}

const shapes = new WeakMap<DocumentNode, Shape>();

/** The document's shape; cached per document object (Apollo's document store hands back the same one). */
export function operationShape(schema: GraphQLSchema, document: DocumentNode): Shape {
  const cached = shapes.get(document);
  if (cached !== undefined) return cached;
  const max = { depth: 0, aliases: 0, rootFields: 0, directives: 0, fragmentSpreads: 0 };
  let costVaries = false;
  const into =
    (key: keyof typeof max): Counter =>
    (n) =>
      void (max[key] = Math.max(max[key], n));
  const errors = validate(schema, document, [
    maxDepthRule({ ...measuring(into('depth')), ignoreIntrospection: true }),
    maxAliasesRule(measuring(into('aliases'))),
    maxDirectivesRule(measuring(into('directives'))),
    rootFieldsRule(into('rootFields')),
    fragmentSpreadsRule(into('fragmentSpreads')),
    costVariablesRule(() => void (costVaries = true)),
    // The only rule here that reports errors.
    NoSchemaIntrospectionCustomRule,
  ]);
  const shape: Shape = { ...max, introspection: errors.length > 0, costVaries };
  shapes.set(document, shape);
  return shape;
}
