// One enum for the kind of a right, wherever the API names one (a pledge's collateral, a
// protection case's rights, a licence, an expiry warning): RightKind. The four enums each part
// had before stay, deprecated, on the fields that carried them (docs/api-evolution.md).
import { badInput } from '../../platform/errors.js';
import { describedValues, type SubgraphBuilder } from './shared-types.js';

export const RIGHT_KINDS = ['PATENT', 'TRADEMARK', 'COPYRIGHT', 'DATA_ASSET'] as const;
export type RightKind = (typeof RIGHT_KINDS)[number];

const RIGHT_KIND_MEANINGS: Readonly<Record<RightKind, string>> = {
  PATENT: 'A patent right (专利权, Patent Law art. 2: an invention, utility model or design), by its CNIPA application number',
  TRADEMARK: 'A registered trademark (注册商标专用权, Trademark Law art. 3), by its registration number',
  COPYRIGHT: 'A copyright (著作权, Copyright Law art. 10), by its registration number with the copyright office',
  DATA_ASSET: 'A data asset registered with the hub (数据知识产权登记), by its id in the hub',
};

/** RightKind on `builder`: the same in every subgraph, so composition merges it. */
export function rightKindEnum<C extends object>(builder: SubgraphBuilder<C>) {
  return builder.enumType('RightKind', {
    description: 'What kind of right a record names: one enum wherever the API names one',
    values: describedValues(RIGHT_KINDS, RIGHT_KIND_MEANINGS),
  });
}

export const RIGHT_KIND_INPUT = 'What kind of right it is (RightKind); give this, or the deprecated kind';
export const deprecatedKind = (instead: string): string =>
  `Use ${instead}: one RightKind enum wherever a right is named (deprecated fields stay at least 6 months: docs/api-evolution.md)`;

/**
 * The kind an input names, by `rightKind` or by its deprecated `kind`, one of `allowed` here; or
 * BAD_USER_INPUT naming `field`.
 */
export function rightKindOf<K extends RightKind>(
  input: { readonly rightKind?: RightKind | null; readonly kind?: K | null },
  allowed: readonly K[],
  field: string,
): K {
  const { rightKind, kind } = input;
  if ((rightKind ?? null) === null && (kind ?? null) === null) throw badInput(`${field}.rightKind is required`, `${field}.rightKind`);
  if (rightKind != null && kind != null && rightKind !== kind)
    throw badInput(`${field}: rightKind ${rightKind} and kind ${kind} differ; give rightKind alone`, `${field}.rightKind`);
  const named = (rightKind ?? kind)!;
  if (!(allowed as readonly RightKind[]).includes(named))
    throw badInput(`${field}: a ${named} cannot be named here, only ${allowed.join(', ')}`, `${field}.rightKind`);
  return named as K;
}
