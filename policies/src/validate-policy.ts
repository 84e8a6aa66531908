import type { z } from 'zod';
import { policySchema, type Policy } from './schema/policy';

export interface PolicyProblem {
  /** JSON path such as `severities.L2.respondWithinMinutes` or `classification.rules[3].patterns[0]`. */
  path: string;
  message: string;
  /** How to fix it, in words an admin understands. */
  hint: string;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(document)';
}

function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `remove ${issue.keys.map((k) => `"${k}"`).join(', ')} (not part of the policy language; check the spelling against policy.schema.json)`;
    case 'invalid_type':
      return issue.input === undefined ? `add this ${issue.expected} field; it is required` : `use a value of type ${issue.expected}`;
    case 'invalid_value':
      return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `use at least ${issue.minimum}${issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : ''}`;
    case 'too_big':
      return `use at most ${issue.maximum}${issue.origin === 'array' ? ' item(s)' : issue.origin === 'string' ? ' character(s)' : ''}`;
    case 'invalid_format':
      return `write it in the expected format (${issue.format})`;
    case 'invalid_union':
      return 'check the "type"/"kind" field and the fields that go with it in policy.schema.json';
    default:
      return 'see README "Policy format" and policy.schema.json';
  }
}

/** Validates an already-parsed policy value. */
export function validatePolicy(value: unknown): PolicyResult {
  const result = policySchema.safeParse(value);
  if (result.success) return { ok: true, policy: result.data };
  const problems = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message, hint: hintFor(issue) }));
  return { ok: false, problems };
}

/** Line and column (1-based) of a character offset in a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses and validates policy JSON text; bad JSON is reported with line and column. */
export function parsePolicy(text: string): PolicyResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const where = m ? lineColumn(text, Number(m[1])) : lineColumn(text, text.length);
    return { ok: false, problems: [{ path: `(line ${where.line}, column ${where.column})`, message: `invalid JSON: ${msg.replace(/^JSON\.parse: /, '')}`, hint: 'fix the JSON syntax: check for a missing comma, quote or bracket near that spot' }] };
  }
  return validatePolicy(value);
}
