// A mutation in its two forms (docs/api-evolution.md): the payload form, `<object><Verb>`, answering
// `{ <object>, userErrors }` with every problem of the input listed as data; and the first form,
// `<verb><Object>`, answering the object with refusals as top-level errors, kept deprecated.
// Both run one resolver: what differs is how a refusal is told.
import type { InputFieldMap, InputShapeFromFields, ObjectRef, OutputType } from '@pothos/core';

import { ERROR_MEANINGS, fieldPath, problemsOf, USER_ERROR_CODES, type UserErrorCode } from '../../platform/errors.js';
import type { Caller } from '../../platform/identity.js';
import { calledBy } from './callers.js';
import { describedValues, type SchemaOf, type SubgraphBuilder } from './shared-types.js';

interface UserErrorShape {
  readonly code: UserErrorCode;
  readonly message: string;
  readonly field: readonly string[] | null;
}

interface PayloadShape {
  readonly object: unknown;
  readonly userErrors: readonly UserErrorShape[];
}

type Types<C extends object> = SchemaOf<SubgraphBuilder<C>>;
type ArgBuilder<C extends object> = PothosSchemaTypes.InputFieldBuilder<Types<C>, 'Arg'>;

export interface MutationForms<C extends object, Args extends InputFieldMap> {
  /** The first form's name, e.g. depositEvidence. */
  readonly name: string;
  /** The payload form's name, e.g. evidenceDeposit: the object's name, then the verb. */
  readonly payload: string;
  /** The payload's field holding what the mutation made or changed, e.g. evidence. */
  readonly object: string;
  readonly type: OutputType<Types<C>> | [OutputType<Types<C>>];
  /** Whether the first form may answer null (a mutation that found nothing to do). */
  readonly nullable?: boolean;
  readonly description: string;
  /** Who may call it (common/callers.ts): both forms are tagged so. */
  readonly callers: readonly Caller[];
  readonly args: (t: ArgBuilder<C>) => Args;
  resolve(args: InputShapeFromFields<Args>, ctx: C): Promise<unknown>;
}

const userErrorTypes = new WeakMap<object, unknown>();

/** UserError and UserErrorCode on `builder`, made once: the same in every subgraph, so shareable. */
function userErrorType<C extends object>(builder: SubgraphBuilder<C>): ObjectRef<Types<C>, UserErrorShape> {
  const made = userErrorTypes.get(builder);
  if (made !== undefined) return made as ObjectRef<Types<C>, UserErrorShape>;
  const Code = builder.enumType('UserErrorCode', {
    description: "The codes of a payload's userErrors: the ErrorCode values a caller meets by what it asked, each with what it means",
    values: describedValues(USER_ERROR_CODES, ERROR_MEANINGS),
  });
  const type = builder.objectRef<UserErrorShape>('UserError').implement({
    description: "A problem of a mutation's input, or a rule that refused it: the payload lists every one at once",
    shareable: true,
    fields: (t) => ({
      code: t.field({ type: Code, description: 'What is wrong, stable: programs act on it', resolve: (e) => e.code }),
      field: t.stringList({
        nullable: true,
        description: 'The path of the argument at fault from the mutation\'s arguments, e.g. ["input", "collateral", "2"]; null when no one field is',
        resolve: (e) => e.field,
      }),
      message: t.exposeString('message', { description: 'What is wrong, for a person (English)' }),
    }),
  });
  userErrorTypes.set(builder, type);
  return type;
}

/** A problem's field as a path from the mutation's arguments: a field inside the input is under "input". */
function argumentPath(field: string | null, args: readonly string[]): string[] | null {
  if (field === null) return null;
  const path = fieldPath(field);
  return args.includes(path[0]!) || !args.includes('input') ? path : ['input', ...path];
}

const capitalised = (name: string): string => name[0]!.toUpperCase() + name.slice(1);

/** Both forms of a mutation on `builder`'s Mutation type, resolved by `spec.resolve`. */
export function mutationForms<C extends object, Args extends InputFieldMap>(builder: SubgraphBuilder<C>, spec: MutationForms<C, Args>): void {
  const UserError = userErrorType(builder);
  const Payload = builder.objectRef<PayloadShape>(`${capitalised(spec.payload)}Payload`).implement({
    description: `What ${spec.payload} answers: \`${spec.object}\` when it succeeded; otherwise null, with every problem in \`userErrors\``,
    fields: (t) => ({
      [spec.object]: t.field({
        type: spec.type,
        nullable: true,
        description: 'What the mutation made or changed; null when userErrors lists a problem (nothing was changed)',
        resolve: (p) => p.object as never,
      }),
      userErrors: t.field({ type: [UserError], description: 'Every problem of the input; empty when the mutation succeeded', resolve: (p) => p.userErrors }),
    }),
  });
  builder.mutationFields((t) => ({
    [spec.payload]: t.field({
      type: Payload,
      nullable: true,
      description: spec.description,
      tag: calledBy(...spec.callers),
      args: builder.args(spec.args),
      resolve: async (_root, args, ctx) => {
        try {
          return { object: await spec.resolve(args as InputShapeFromFields<Args>, ctx), userErrors: [] };
        } catch (err) {
          const problems = problemsOf(err);
          if (problems === undefined) throw err;
          const names = Object.keys(args);
          return { object: null, userErrors: problems.map((p) => ({ code: p.code, message: p.message, field: argumentPath(p.field, names) })) };
        }
      },
    }),
    [spec.name]: t.field({
      type: spec.type,
      nullable: spec.nullable ?? false,
      description: spec.description,
      deprecationReason: `Use ${spec.payload}, which lists every problem of the input in userErrors`,
      tag: calledBy(...spec.callers),
      args: builder.args(spec.args),
      resolve: (_root, args, ctx) => spec.resolve(args as InputShapeFromFields<Args>, ctx) as never,
    }),
  }));
}
