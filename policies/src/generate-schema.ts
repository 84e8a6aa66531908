/**
 * Generates `policies/policy.schema.json` (JSON Schema for editors) from the zod policy schema.
 * Node-side only (the CLI and a test use it); the browser bundle never imports this file.
 * Refinements (cross-field checks, regex safety, template variables) cannot be expressed in JSON
 * Schema; `unrepresentable: 'any'` lets them through so the structural schema is still complete.
 */
import { z } from 'zod';
import { policySchema } from './schema/policy';

export const SCHEMA_ID = 'https://complaint-desk.dev/policy.schema.json';

export function generatePolicySchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: SCHEMA_ID,
    title: 'Complaint Desk policy',
    description: 'Generated from policies/src/schema by `complaint-desk policy schema`; do not edit by hand. Durations are whole minutes.',
  };
}

/** The exact text checked in as policies/policy.schema.json (2-space JSON, trailing newline). */
export function policySchemaText(): string {
  return `${JSON.stringify(generatePolicySchema(), null, 2)}\n`;
}
