import fs from 'node:fs';
import path from 'node:path';
import { generatePolicySchema, policySchemaText } from '../../../../policies/src/generate-schema';

const file = path.join(__dirname, '../../../../policies/policy.schema.json');

describe('policies/policy.schema.json', () => {
  test('is up to date with the zod policy schema', () => {
    const checkedIn = fs.readFileSync(file, 'utf8');
    const fresh = policySchemaText();
    if (checkedIn !== fresh) {
      throw new Error(
        'policies/policy.schema.json is stale: regenerate it with `npm run build && node bin/complaint-desk.js policy schema > policies/policy.schema.json`',
      );
    }
  });

  test('describes the whole policy language for editors (input side: defaults are optional)', () => {
    const s = generatePolicySchema() as any;
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(
      expect.arrayContaining([
        'version',
        'categories',
        'severities',
        'calendars',
        'classification',
        'escalation',
        'scripts',
        'remedies',
        'evidence',
        'followUp',
        'batches',
        'intake',
      ]),
    );
    expect(Object.keys(s.properties.categories.properties)).toEqual(['quality', 'logistics', 'usage', 'service', 'billing', 'other']);
    expect(s.properties.severities.properties.L1.properties.respondWithinMinutes).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    const rule = s.properties.classification.properties.rules.items;
    expect(rule.required).not.toContain('weight'); // has a default: optional when writing a policy
    expect(rule.properties.weight.default).toBe(1);
    expect(
      s.properties.escalation.properties.rules.items.properties.when.oneOf ??
        s.properties.escalation.properties.rules.items.properties.when.anyOf,
    ).toHaveLength(6);
  });
});
