// No null cascades: a field that one subgraph answers with an entity another subgraph owns is
// resolved there, under that subgraph's access rules, and can be refused (null, or FORBIDDEN)
// though the caller may read the field's parent. Such a field must be nullable (a list, in its
// items), so that a refusal nulls the field alone and not every answer above it. This walks the
// supergraph for every such field; the few that cannot be refused say why.
import { readFileSync } from 'node:fs';

import { type FieldDefinitionNode, Kind, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode, parse, type TypeNode, type ValueNode } from 'graphql';
import { describe, expect, it } from 'vitest';

import { SUPERGRAPH_PATH } from '../gateway/compose.js';

/** The entities whose resolvers check who reads them, and the subgraph that owns each. */
const OWNERS: Readonly<Record<string, string>> = {
  Enterprise: 'ENTERPRISES',
  Patent: 'ENTERPRISES',
  Trademark: 'ENTERPRISES',
  Copyright: 'ENTERPRISES',
  Evidence: 'EVIDENCE',
  DataAsset: 'EVIDENCE',
  PreExamCase: 'CASES',
  ProtectionCase: 'CASES',
  Pledge: 'FINANCE',
  InsurancePolicy: 'FINANCE',
};

/** Cross-subgraph references that cannot be refused to a caller who may read their parent. */
const CANNOT_BE_REFUSED: Readonly<Record<string, string>> = {
  'DataAsset.owner': 'whoever reads a data asset (its owner, institutions, staff) reads its owner',
  'InsurancePolicy.insured': 'whoever reads a policy (the insured, its insurer, staff) reads the insured',
  'Pledge.pledgor': 'whoever reads a pledge (the pledgor, its bank, staff) reads the pledgor',
  'PreExamCase.enterprise': 'whoever reads a pre-examination case (its enterprise, staff) reads its enterprise',
};

const named = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));
/** Whether a refusal there would climb: the field, or a list's items, non-null. */
const cascades = (t: TypeNode): boolean => t.kind === Kind.NON_NULL_TYPE && (t.type.kind !== Kind.LIST_TYPE || t.type.type.kind === Kind.NON_NULL_TYPE);
const graphArg = (args: readonly { name: { value: string }; value: ValueNode }[] | undefined): string | undefined => {
  const value = args?.find((a) => a.name.value === 'graph')?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
};

/** Each object field the API serves, the subgraph that resolves it and its type. */
function fields(): { coordinate: string; graph: string; type: TypeNode }[] {
  const doc = parse(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  const out: { coordinate: string; graph: string; type: TypeNode }[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = def as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
    if (['Query', 'Mutation'].includes(type.name.value) || type.name.value.startsWith('join__') || type.name.value.startsWith('link__')) continue;
    const typeGraphs = (type.directives ?? []).filter((d) => d.name.value === 'join__type').map((d) => graphArg(d.arguments));
    for (const field of (type.fields ?? []) as FieldDefinitionNode[]) {
      const own = (field.directives ?? []).filter((d) => d.name.value === 'join__field').map((d) => graphArg(d.arguments));
      const graphs = (own.length > 0 ? own : typeGraphs).filter((g): g is string => g !== undefined);
      for (const graph of graphs) out.push({ coordinate: `${type.name.value}.${field.name.value}`, graph, type: field.type });
    }
  }
  return out;
}

describe('null cascades', () => {
  it('makes every field that can be refused nullable, so that a refusal nulls itself alone', () => {
    const crossing = fields().filter((f) => OWNERS[named(f.type)] !== undefined && OWNERS[named(f.type)] !== f.graph);
    expect(crossing.length).toBeGreaterThan(5);
    const climbing = crossing.filter((f) => cascades(f.type) && !(f.coordinate in CANNOT_BE_REFUSED)).map((f) => f.coordinate);
    expect(climbing).toEqual([]);
    // Every exception is still a crossing field: none outlives its field.
    const coordinates = new Set(crossing.map((f) => f.coordinate));
    expect(Object.keys(CANNOT_BE_REFUSED).filter((c) => !coordinates.has(c))).toEqual([]);
  });
});
