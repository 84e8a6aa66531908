import { z } from 'zod';
import { policySchema, type Policy } from './schema/policy';
import { closest, knownKeysAt, reservedKeyPaths } from './schema/hints';
import { attachedHint } from './schema/issue-hints';
import { formatPath, shortKey as short } from './format-path';

export interface PolicyProblem {
  /** JSON path such as `severities.L2.respondWithinMinutes` or `classification.rules[3].patterns[0]`. */
  path: string;
  message: string;
  /** How to fix it, in words an admin understands. */
  hint: string;
}

export type PolicyResult = { ok: true; policy: Policy } | { ok: false; problems: PolicyProblem[] };

/** At most this many problems are listed; the rest are counted. */
export const MAX_PROBLEMS = 100;

const kindOf = (origin: string) => (origin === 'array' ? ' item(s)' : origin === 'string' ? ' character(s)' : '');

/** Whether the input has a value at `path` (zod does not report the input in issues). */
function present(root: unknown, path: readonly PropertyKey[]): boolean {
  let v: unknown = root;
  for (const step of path) {
    if (!v || typeof v !== 'object' || !Object.hasOwn(v, step as string)) return false;
    v = (v as Record<PropertyKey, unknown>)[step as string];
  }
  return v !== undefined;
}

function hintFor(issue: z.core.$ZodIssue, missing: boolean): string {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? `add this ${issue.expected} field; it is required` : `use a value of type ${issue.expected}`;
    case 'invalid_value':
      return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.inclusive === false
        ? `use more than ${issue.minimum}${kindOf(issue.origin)}`
        : `use at least ${issue.minimum}${kindOf(issue.origin)}`;
    case 'too_big':
      return issue.inclusive === false
        ? `use less than ${issue.maximum}${kindOf(issue.origin)}`
        : `use at most ${issue.maximum}${kindOf(issue.origin)}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? `it must match ${String(issue.pattern)}`
        : `write it in the expected format (${issue.format})`;
    case 'invalid_union':
      return 'check the "type"/"kind" field and the fields that go with it in policy.schema.json';
    case 'invalid_key':
      return 'rename the key: lower-case letters, digits and _ (start with a letter, at most 64)';
    default:
      return 'see docs/policy.md and policy.schema.json';
  }
}

/** A custom issue's own `params.hint`. */
const ownHint = (issue: z.core.$ZodIssue) =>
  issue.code === 'custom' && typeof issue.params?.hint === 'string' ? (issue.params.hint as string) : undefined;

/**
 * Zod issues → problems. The hint is the issue's own, else the one attached to its schema node
 * (schema/issue-hints.ts), else one derived from the issue's code. An unknown key becomes one problem
 * at the key's own path, with a spelling suggestion.
 */
function problemsOf(schema: z.core.$ZodType, issues: z.core.$ZodIssue[], value: unknown, skip: Set<string>): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') {
      const last = issue.path[issue.path.length - 1];
      const missing = issue.code === 'invalid_type' && typeof last === 'string' && !present(value, issue.path);
      out.push({
        path: formatPath(issue.path),
        message: missing ? `missing required field "${short(last)}"` : issue.message,
        hint: ownHint(issue) ?? attachedHint(schema, value, issue) ?? hintFor(issue, missing),
      });
      continue;
    }
    const known = knownKeysAt(schema, value, issue.path);
    for (const key of issue.keys) {
      if (skip.has(formatPath([...issue.path, key]))) continue; // already reported as a reserved key
      const guess = closest(key, known);
      out.push({
        path: formatPath([...issue.path, key]),
        message: `unknown key "${short(key)}"`,
        hint: guess
          ? `did you mean "${guess}"? Rename it, or remove it`
          : `remove it (not part of the policy language${known.length ? `; allowed here: ${known.join(', ')}` : ''})`,
      });
    }
  }
  return out;
}

/** Problems of `value` against any zod schema, explained as `validatePolicy` explains them. */
export function schemaProblems(schema: z.core.$ZodType, value: unknown): PolicyProblem[] {
  const result = z.safeParse(schema, value);
  return result.success ? [] : problemsOf(schema, result.error.issues, value, new Set());
}

/** Validates an already-parsed policy value. */
export function validatePolicy(value: unknown): PolicyResult {
  const reserved = reservedKeyPaths(value);
  const problems: PolicyProblem[] = reserved.map((path) => ({
    path: formatPath(path),
    message: `the key "${String(path[path.length - 1])}" is not allowed (it can corrupt objects that hold the policy)`,
    hint: 'rename or remove this key',
  }));
  const result = policySchema.safeParse(value);
  if (result.success && problems.length === 0) return { ok: true, policy: result.data };
  if (!result.success) problems.push(...problemsOf(policySchema, result.error.issues, value, new Set(reserved.map(formatPath))));
  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    problems.length = MAX_PROBLEMS;
    problems.push({ path: '(document)', message: `${more} more problem(s) not shown`, hint: 'fix the problems above and check again' });
  }
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
    const what = msg
      .replace(/^JSON\.parse: /, '')
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, "[\s\S]*" is not valid JSON$/, '');
    const hint = /Expected ','/.test(msg)
      ? 'add the missing comma (or closing bracket) between the previous value and this spot'
      : /end of JSON|Unterminated/i.test(msg)
        ? 'the document ends too early: close every open string, [ and {'
        : 'fix the JSON syntax: check for a missing comma, quote or bracket near that spot';
    return { ok: false, problems: [{ path: `(line ${where.line}, column ${where.column})`, message: `invalid JSON: ${what}`, hint }] };
  }
  return validatePolicy(value);
}
