/**
 * Hints attached to schema nodes where they are defined, per kind of problem:
 *
 *   const rulePhrases = z.array(phrase).max(2000).register(issueHints, { too_big: 'move part of it into …' });
 *
 * validate-policy.ts finds the node an issue is about by walking the schema along the issue's path, so
 * any built-in check (`.max()`, `.min()`, `.regex()`, …) gets the hint without the validator knowing where
 * the node sits in the policy. Zod 4 drops `params` on built-in checks, hence a registry (zod's own
 * metadata mechanism, https://zod.dev/metadata). It is a private registry, not `.meta()`: the generated
 * JSON Schema does not change. A custom issue's own `params.hint` still comes first.
 */
import { z } from 'zod';
import { layers, nodesAt } from './hints';

export type IssueCode = z.core.$ZodIssue['code'];

/** How to fix each kind of problem at a node, in words an admin understands. */
export type IssueHints = Partial<Record<IssueCode, string>>;

export const issueHints = z.registry<IssueHints>();

/** The hint attached (with `.register(issueHints, …)`) to the node `issue` is about, or to a node it wraps. */
export function attachedHint(schema: z.core.$ZodType, root: unknown, issue: z.core.$ZodIssue): string | undefined {
  for (const node of nodesAt(schema, root, issue.path))
    for (const layer of layers(node)) {
      const hint = issueHints.get(layer)?.[issue.code];
      if (hint) return hint;
    }
  return undefined;
}
