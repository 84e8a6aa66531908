/**
 * Lexicon entries that the server's script widening (expand-scripts.ts) makes redundant, reported as `policy check`
 * warnings: an entry of a phrase list (a rule's phrases or unless; a cue's phrases, unless or unlessInTicket; a clause
 * starter list) whose every simplified, Taiwan and Hong Kong form the entries before it already produce, e.g. 冒煙
 * after 冒烟, or 電線 after 电线. The widened lexicon is the same without it: it only makes the list longer to read
 * and counts against the policy's phrase limit (MAX_POLICY_PHRASES). Entries that normalisation alone makes
 * duplicates (冇反应 / 没有反应) are normalization-warnings.ts's. Patterns are not checked.
 * Server-side: it needs the converter (opencc.ts), which the pure core never loads.
 */
import { formatPath } from '../src/format-path';
import { lexiconLists } from '../src/normalization-warnings';
import type { Policy } from '../src/schema/policy';
import type { PolicyProblem } from '../src/validate-policy';
import { scriptForms } from './expand-scripts';
import { cacheKey, jsonThroughCache } from './prepare-cache';

const HAN = /\p{Script=Han}/u;

/** The entries of `items` covered by the ones before them, each with the earlier entry that produces it. */
export function scriptDuplicates(items: readonly string[]): { index: number; entry: string; of: string }[] {
  const producedBy = new Map<string, string>();
  const found: { index: number; entry: string; of: string }[] = [];
  items.forEach((entry, index) => {
    const forms = scriptForms(entry);
    const earlier = items.indexOf(entry) < index; // a plain repeat: normalization-warnings.ts reports it
    if (!earlier && HAN.test(entry) && forms.every((f) => producedBy.has(f))) found.push({ index, entry, of: producedBy.get(entry)! });
    for (const f of forms) if (!producedBy.has(f)) producedBy.set(f, entry);
  });
  return found;
}

function findAll(policy: Policy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  for (const { path, kind, items } of lexiconLists(policy)) {
    if (kind !== 'phrase' || !items) continue;
    for (const d of scriptDuplicates(items))
      out.push({
        path: formatPath([...path, d.index]),
        message: `"${d.entry}" is another script's form of "${d.of}" above it: the server adds every entry's simplified, Taiwan and Hong Kong forms`,
        hint: 'remove it; the widened lexicon stays the same, and the policy counts one phrase fewer',
      });
  }
  return out;
}

/**
 * The warnings, kept in the preparation cache by the classification as written: converting every phrase costs about
 * 0.9 s a `policy check` (the converter's load included), which a check of an unchanged lexicon need not pay again.
 */
export function scriptDuplicateWarnings(policy: Policy): PolicyProblem[] {
  return jsonThroughCache(
    cacheKey('script-duplicates', JSON.stringify(policy.classification)),
    (v) => (Array.isArray(v) ? (v as PolicyProblem[]) : null),
    () => findAll(policy),
  );
}
