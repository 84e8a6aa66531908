/**
 * The training tickets an equivalence check sweeps (two compiled forms, or two regex flavours, that must find
 * the same): with FULL_SWEEP=1 every ticket of policies/training/train.jsonl, else a fixed, deterministic,
 * stratified subset of it (a tenth to a sixth), chosen from the text and the policy's phrases and patterns alone
 * (no engine call, about 2–6 s CPU):
 *  - a hash sample: the first byte of SHA-256(id) below SAMPLE_BYTE, or a bound per language (every length);
 *  - for every phrase key of the compiled policy that occurs in the corpus (as a substring of the lower-cased
 *    text), the first ticket in hash order holding it, and for every pattern the first ticket it matches: every
 *    rule that fires is exercised, in each script the widening produced;
 *  - per language, the longest and the shortest tickets;
 *  - tickets whose text NFKC changes (full-width forms, compatibility characters), with astral code points,
 *    with the policy's Cantonese replacements, or mixing Han and Latin letters in one field (the
 *    script-conversion and ASCII/non-ASCII paths), the first few of each in hash order.
 * The subset is what CI runs; `FULL_SWEEP=1 npx jest FILE` goes over the whole corpus (CONTRIBUTING.md).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type CorpusTicket = { id: string; lang: string; subject: string; description: string };

const FILE = path.resolve(__dirname, '../../policies/training/train.jsonl');
/** About one ticket in ten: SHA-256(id)[0] < 26. */
const SAMPLE_BYTE = 26;
const EXTREMES = 25;
const PER_STRATUM = 150;

export const fullSweep = (): boolean => process.env.FULL_SWEEP === '1';

export function readCorpus(): CorpusTicket[] {
  return fs
    .readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((o) => ({ id: String(o.id), lang: String(o.lang), subject: o.subject ?? '', description: o.description ?? '' }));
}

const hashOf = (id: string): number => createHash('sha256').update(id).digest().readUInt32BE(0);
const lower = (s: string): string => s.toLowerCase().replace(/\s+/gu, ' ');

/** A trie over UTF-16 code units; `key` marks where a key ends. */
type Trie = { next: Map<number, Trie>; key?: string };

function trieOf(keys: Iterable<string>): Trie {
  const root: Trie = { next: new Map() };
  for (const key of keys) {
    let node = root;
    for (let i = 0; i < key.length; i++) {
      let next = node.next.get(key.charCodeAt(i));
      if (!next) node.next.set(key.charCodeAt(i), (next = { next: new Map() }));
      node = next;
    }
    if (node !== root) node.key = key;
  }
  return root;
}

/** Adds to `covered` the keys of `trie` that occur in `text` as substrings; true when one was new. */
function coverKeys(trie: Trie, text: string, covered: Set<string>): boolean {
  let fresh = false;
  for (let i = 0; i < text.length; i++) {
    let node = trie.next.get(text.charCodeAt(i));
    for (let j = i + 1; node; j++) {
      if (node.key !== undefined && !covered.has(node.key)) {
        covered.add(node.key);
        fresh = true;
      }
      if (j >= text.length) break;
      node = node.next.get(text.charCodeAt(j));
    }
  }
  return fresh;
}

export type SweepOptions = {
  /** Phrase keys whose first occurrence picks a ticket (e.g. `compileRules(policy).byKey.keys()`). */
  keys?: Iterable<string>;
  /** The hash sample's first-byte bound (of 256), per language where given: SAMPLE_BYTE (about a tenth) otherwise. */
  sampleByte?: Readonly<Record<string, number>>;
  /** Pattern sources (`rules[].patterns`): for each, the first ticket in hash order it matches (flags `iu`). */
  patterns?: readonly string[];
  /** Cantonese (or other) forms the policy replaces before matching (`classification.normalize.replace`'s left sides). */
  replaced?: readonly string[];
};

/** The tickets to sweep, in corpus order: all of them under FULL_SWEEP=1, else the stratified subset. */
export function sweepTickets(opts: SweepOptions, corpus: CorpusTicket[] = readCorpus()): CorpusTicket[] {
  if (fullSweep()) return corpus;
  const hashes = corpus.map((t) => hashOf(t.id));
  const order = corpus.map((_, i) => i).sort((a, b) => hashes[a] - hashes[b] || a - b);
  const bound = (lang: string) => opts.sampleByte?.[lang] ?? SAMPLE_BYTE;
  const chosen = new Set<number>(order.filter((i) => hashes[i] >>> 24 < bound(corpus[i].lang)));

  const trie = trieOf([...(opts.keys ?? [])].map(lower));
  const covered = new Set<string>();
  const texts = order.map((i) => lower(`${corpus[i].subject}\n${corpus[i].description}`));
  texts.forEach((text, k) => {
    if (coverKeys(trie, text, covered)) chosen.add(order[k]);
  });
  for (const k of firstMatches(texts, opts.patterns ?? [])) chosen.add(order[k]);

  const byLang = new Map<string, number[]>();
  for (const i of order) {
    const ids = byLang.get(corpus[i].lang);
    if (ids) ids.push(i);
    else byLang.set(corpus[i].lang, [i]);
  }
  for (const ids of byLang.values()) {
    const bySize = [...ids].sort((a, b) => size(corpus[a]) - size(corpus[b]) || a - b);
    for (const i of [...bySize.slice(0, EXTREMES), ...bySize.slice(-EXTREMES)]) chosen.add(i);
  }

  const replaced = opts.replaced ?? [];
  const strata: ((t: CorpusTicket, text: string) => boolean)[] = [
    (_, text) => text.normalize('NFKC') !== text && /[\uff01-\uff5e\u3000]/u.test(text) && /[a-z]/i.test(text),
    (_, text) => text.normalize('NFKC') !== text && !/\p{Script=Han}/u.test(text),
    (_, text) => /[\u{10000}-\u{10ffff}]/u.test(text),
    (_, text) => replaced.some((r) => text.includes(r)),
    (t) => [t.subject, t.description].some((f) => /\p{Script=Han}/u.test(f) && /[a-z]{3}/i.test(f)),
    (t) => t.lang === 'en' && /[^\x00-\x7f]/.test(`${t.subject}${t.description}`),
  ];
  for (const inStratum of strata) {
    let n = 0;
    for (const i of order) {
      if (n >= PER_STRATUM) break;
      const t = corpus[i];
      if (!inStratum(t, `${t.subject}\n${t.description}`)) continue;
      chosen.add(i);
      n++;
    }
  }
  return [...chosen].sort((a, b) => a - b).map((i) => corpus[i]);
}

/** For each pattern, the index of the first of `texts` it matches: one regex scan of all the texts joined. */
function firstMatches(texts: string[], patterns: readonly string[]): Set<number> {
  const out = new Set<number>();
  if (!patterns.length) return out;
  const SEP = '\n\u0000\n';
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += t.length + SEP.length;
  }
  const all = texts.join(SEP);
  for (const source of patterns) {
    const m = new RegExp(source, 'iu').exec(all);
    if (!m) continue;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= m.index) lo = mid;
      else hi = mid - 1;
    }
    out.add(lo);
  }
  return out;
}

const size = (t: CorpusTicket): number => t.subject.length + t.description.length;
