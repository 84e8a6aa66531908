/**
 * Compiled classifiers by the content they were compiled from. Policies that differ only outside the matcher's
 * inputs (thresholds, scripts, remedies, the model, a review setting) share one compiled matcher: an admin's edit
 * of a clock, a dry run that compares two models, or a test's variant of the default policy no longer compiles
 * the same rules again (~0.4 s of CPU each). The key is the JSON text of everything `build` reads (rules, cues,
 * clause starts, replacements); a separate memory per registered pattern-index implementation (they compile
 * differently), and only the last few are kept.
 */
import type { Policy } from '../types';
import type { PatternIndexes } from './use-pattern-indexes';

const KEEP = 4;
const NO_INDEXES = {};
const memory = new WeakMap<object, Map<string, unknown>>();

/** The matcher's inputs as text: two classifications with the same text compile to the same matcher. */
export function compiledRulesKey(cls: Policy['classification']): string {
  return JSON.stringify([cls.rules, cls.cues ?? null, cls.clauseStarts ?? null, cls.normalize?.replace ?? null]);
}

/** The remembered compilation of `key` under `indexes`, else `build()`'s, remembered (the last KEEP per indexes). */
export function rememberCompiledRules<T>(indexes: PatternIndexes | null, key: string, build: () => T): T {
  const scope = indexes ?? NO_INDEXES;
  let byKey = memory.get(scope);
  if (!byKey) memory.set(scope, (byKey = new Map()));
  const known = byKey.get(key);
  if (known !== undefined) {
    byKey.delete(key); // most recent last
    byKey.set(key, known);
    return known as T;
  }
  const built = build();
  byKey.set(key, built);
  if (byKey.size > KEEP) byKey.delete(byKey.keys().next().value!);
  return built;
}
