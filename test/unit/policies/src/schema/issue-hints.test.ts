/**
 * Hints attached to schema nodes (policies/src/schema/issue-hints.ts): a schema author registers a hint
 * where a node is defined, and the validator finds it for an issue at that node wherever the node is
 * used (wrapped in .default()/.optional(), inside arrays and unions), for the codes it was given only.
 */
import { z } from 'zod';
import { issueHints } from '../../../../../policies/src/schema/issue-hints';
import { schemaProblems } from '../../../../../policies/src/validate-policy';

// A test-only schema: nothing in the validator knows these paths.
const tags = z.array(z.string().max(5)).max(2).register(issueHints, { too_big: 'keep the two tags that matter most' });
const schema = z.strictObject({
  rules: z.array(z.strictObject({ phrases: z.array(z.string()).max(1).default([]), tags: tags.default([]) })),
  kinds: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('a'), labels: tags.optional() }),
    z.strictObject({ type: z.literal('b'), n: z.number() }),
  ]),
});
const ok = { rules: [{ phrases: ['x'], tags: ['a'] }], kinds: { type: 'a', labels: ['b'] } };
const problems = (edit: (v: any) => void) => {
  const v = structuredClone(ok) as any;
  edit(v);
  return schemaProblems(schema, v).map((p) => [p.path, p.hint]);
};

describe('hints attached to schema nodes', () => {
  test('the valid value has no problems', () => expect(schemaProblems(schema, ok)).toEqual([]));

  test('a built-in check on a registered node (inside an array, wrapped in .default()) gives its hint', () => {
    expect(problems((v) => (v.rules[0].tags = ['a', 'b', 'c']))).toEqual([['rules[0].tags', 'keep the two tags that matter most']]);
  });

  test('the same node used again inside a union option (wrapped in .optional()) gives it too', () => {
    expect(problems((v) => (v.kinds.labels = ['a', 'b', 'c']))).toEqual([['kinds.labels', 'keep the two tags that matter most']]);
  });

  test('only for the codes it was given, and not for the node’s children', () => {
    expect(problems((v) => (v.rules[0].tags = 'a'))).toEqual([['rules[0].tags', 'use a value of type array']]);
    expect(problems((v) => (v.rules[0].tags = ['abcdef']))).toEqual([['rules[0].tags[0]', 'use at most 5 character(s)']]);
  });

  test('a node without a hint gets the generic one, whatever its path (rules[…].phrases here)', () => {
    expect(problems((v) => (v.rules[0].phrases = ['x', 'y']))).toEqual([['rules[0].phrases', 'use at most 1 item(s)']]);
  });

  test('the hint is metadata for the validator only: the JSON Schema keeps maxItems and gains nothing', () => {
    const json = z.toJSONSchema(tags) as Record<string, unknown>;
    expect(json).toMatchObject({ type: 'array', maxItems: 2 });
    expect(JSON.stringify(json)).not.toContain('keep the two tags');
  });
});
