/**
 * Lexicon entries that normalisation (NFKC, lower case, `classification.normalize.replace`) makes
 * redundant or dead, reported as `policy check` warnings:
 * - two entries of one list (a rule's phrases, unless or patterns; a cue's phrases, unless, unlessInTicket, until,
 *   keepWith or footers; a clause starter list) that are the same after normalisation, e.g. `冇反应` and `没有反应`: the compiler
 *   turns both into one matcher, so the second one only makes the list longer;
 * - a phrase that normalises to nothing, or a pattern whose required literal text still holds a
 *   replacement key after the compiler normalised it (the compiler keeps escapes as written, so
 *   `\u5514` stays 唔): ticket text never holds a key once normalised, so that branch can never
 *   match. Not caught: a multi-character key cut by syntax (`部(?:機)`), whose pieces are each valid.
 * Pure (no I/O); it sees the policy as written (the server's script widening is not applied).
 */
import { compileReplacer, normalizeText, type Replacer } from './engine/normalize-text';
import { normalizePattern } from './engine/pattern-normalize';
import { closing } from './engine/pattern-source';
import { phraseKey } from './engine/phrase-regex';
import type { Policy } from './schema/policy';
import { formatPath } from './format-path';
import type { PolicyProblem } from './validate-policy';

type Kind = 'phrase' | 'pattern';
export interface List {
  path: (string | number)[];
  kind: Kind;
  items: readonly string[] | undefined;
}

/** Every lexicon list of the policy as written (rules, cue sets, clause starters), with its path and kind. */
export function lexiconLists(policy: Policy): List[] {
  const cls = policy.classification;
  const out: List[] = [];
  cls.rules.forEach((r, i) => {
    const at = ['classification', 'rules', i];
    out.push({ path: [...at, 'phrases'], kind: 'phrase', items: r.phrases });
    out.push({ path: [...at, 'unless'], kind: 'phrase', items: r.unless });
    out.push({ path: [...at, 'patterns'], kind: 'pattern', items: r.patterns });
  });
  (cls.cues ?? []).forEach((c, i) => {
    out.push({ path: ['classification', 'cues', i, 'phrases'], kind: 'phrase', items: c.phrases });
    out.push({ path: ['classification', 'cues', i, 'unless'], kind: 'phrase', items: c.unless });
    out.push({ path: ['classification', 'cues', i, 'unlessInTicket'], kind: 'phrase', items: c.unlessInTicket });
    out.push({ path: ['classification', 'cues', i, 'until'], kind: 'phrase', items: c.until });
    out.push({ path: ['classification', 'cues', i, 'keepWith'], kind: 'phrase', items: c.keepWith });
    out.push({ path: ['classification', 'cues', i, 'footers'], kind: 'phrase', items: c.footers });
  });
  (cls.clauseStarts ?? []).forEach((s, i) => {
    for (const k of ['starters', 'after', 'breaks'] as const)
      out.push({ path: ['classification', 'clauseStarts', i, k], kind: 'phrase', items: s[k] });
  });
  return out;
}

/** The replacement keys (as the replacer holds them) inside `text`, longest first. */
function keysIn(text: string, replacer: Replacer): string[] {
  const lower = text.toLowerCase();
  return [...replacer.to.keys()].filter((k) => lower.includes(k)).sort((a, b) => b.length - a.length);
}

const ESCAPE = /^\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2}))/;

/**
 * Runs of literal text a match must contain consecutively (within its branch): characters and
 * `\uXXXX`-style escapes, cut at groups, alternation, classes, anchors, `.` and other escapes; a
 * quantified character ends its run and is dropped (it may be absent).
 */
export function literalRuns(source: string): string[] {
  const runs: string[] = [];
  let run = '';
  const cut = () => {
    if (run) runs.push(run);
    run = '';
  };
  for (let i = 0; i < source.length;) {
    const ch = source[i];
    if (/[*+?{]/.test(ch) && (ch !== '{' || /^\{\d+(?:,\d*)?\}/.test(source.slice(i)))) {
      run = Array.from(run).slice(0, -1).join('');
      cut();
      i += ch === '{' ? source.indexOf('}', i) - i + 1 : 1;
      if (source[i] === '?') i++;
    } else if (ch === '\\') {
      const m = ESCAPE.exec(source.slice(i, i + 12));
      if (m) {
        run += String.fromCodePoint(parseInt(m[1] ?? m[2] ?? m[3], 16));
        i += m[0].length;
      } else {
        cut();
        i += 2;
      }
    } else if (ch === '[') {
      cut();
      const end = closing(source, i);
      if (end < 0) break;
      i = end + 1;
    } else if (ch === '(') {
      cut();
      i += /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(source.slice(i))![0].length;
    } else if ('|)^$.'.includes(ch)) {
      cut();
      i++;
    } else {
      const c = String.fromCodePoint(source.codePointAt(i)!);
      run += c;
      i += c.length;
    }
  }
  cut();
  return runs;
}

/** Keys left in the literal runs of a compiled (normalised) pattern source. */
function deadKeys(normalized: string, replacer: Replacer): string[] {
  const found = new Set<string>();
  for (const run of literalRuns(normalized)) for (const k of keysIn(run.normalize('NFKC'), replacer)) found.add(k);
  return [...found];
}

export function normalizationWarnings(policy: Policy): PolicyProblem[] {
  const replacer = compileReplacer(policy.classification.normalize?.replace ?? []);
  const norm = (t: string) => normalizeText(t, replacer).text;
  const out: PolicyProblem[] = [];
  for (const list of lexiconLists(policy)) {
    const seen = new Map<string, number>();
    (list.items ?? []).forEach((item, i) => {
      const path = formatPath([...list.path, i]);
      const key = list.kind === 'pattern' ? normalizePattern(item, norm) : phraseKey(norm(item));
      if (list.kind === 'phrase' && !key) {
        out.push({ path, message: `${JSON.stringify(item)} is empty once normalised and never matches`, hint: 'delete it' });
        return;
      }
      const first = seen.get(key);
      if (first !== undefined) {
        const other = list.items![first];
        out.push({
          path,
          message: `${JSON.stringify(item)} is the same as ${formatPath([...list.path, first])} ${JSON.stringify(other)} once normalised (both become ${JSON.stringify(key)})`,
          hint: `delete one of the two; the ${list.kind} is normalised like the ticket text, so one written form matches both`,
        });
      } else seen.set(key, i);
      if (list.kind === 'pattern' && replacer) {
        for (const k of deadKeys(key, replacer))
          out.push({
            path,
            message: `${JSON.stringify(item)} needs the text ${JSON.stringify(k)}, which normalised ticket text never holds (classification.normalize.replace turns it into ${JSON.stringify(replacer.to.get(k))}), so that part never matches`,
            hint: `write ${JSON.stringify(k)} as plain characters in one piece (the compiler normalises it) or write ${JSON.stringify(replacer.to.get(k))}`,
          });
      }
    });
  }
  return out;
}
