/**
 * A small parser for rule pattern sources (flags `iu`), for the compile-time analyses that decide where
 * a pattern can start (pattern-first-chars.ts, pattern-prefixes.ts). Each item is one character out of
 * a set of code point ranges, a group of alternatives, or a zero-width assertion, with its repetition
 * bounds. Sets are supersets where the exact set is not modelled (`\p{…}` is any character), which only
 * widens where a pattern may start: sound for a prefilter. Constructs outside the subset (a
 * back-reference, `(?i:…)`) become `unknown` items: an analysis that reaches one gives up. Pure.
 */
import { alternatives, closing } from './pattern-source';

/** Inclusive code point ranges; a single character is [cp, cp]. */
export type Ranges = [number, number][];

export interface Item {
  set?: Ranges;
  group?: Item[][];
  /** A zero-width assertion: `\b`, `\B`, `^`, `$` or the opening of a lookaround. */
  assert?: string;
  unknown?: true;
  min: number;
  max: number;
}

const MAX_CP = 0x10ffff;
const ANY: Ranges = [[0, MAX_CP]];
const DIGIT: Ranges = [[0x30, 0x39]];
const WORD_ASCII: Ranges = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
/** `\w` under `iu` also matches "ſ" and the Kelvin sign (they case-fold to s and k). */
const WORD: Ranges = [...WORD_ASCII, [0x17f, 0x17f], [0x212a, 0x212a]];
const SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const LINE_END: Ranges = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
];

/** The ranges not in `r` (r sorted by start). */
export function complement(r: Ranges): Ranges {
  const out: Ranges = [];
  let from = 0;
  for (const [lo, hi] of [...r].sort((a, b) => a[0] - b[0])) {
    if (lo > from) out.push([from, lo - 1]);
    from = Math.max(from, hi + 1);
  }
  if (from <= MAX_CP) out.push([from, MAX_CP]);
  return out;
}

/** Sets of the class escapes (`\W` leaves out only ASCII word characters: a superset). */
const CLASS_ESCAPES: Record<string, Ranges> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD_ASCII),
  s: SPACE,
  S: complement(SPACE),
};
const CONTROL: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0 };

/** Thrown for a source the parser cannot read at all (unbalanced groups or classes). */
export class Unknown extends Error {}

/** The top-level alternatives of `source`, each a sequence of items. */
export function parsePattern(source: string): Item[][] {
  return alternatives(source).map(parseSequence);
}

function parseSequence(seq: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < seq.length) {
    const { item, end } = readItem(seq, i);
    const q = readQuantifier(seq, end);
    item.min = q.min;
    item.max = q.max;
    items.push(item);
    i = q.end;
  }
  return items;
}

function readItem(s: string, i: number): { item: Item; end: number } {
  const ch = s[i];
  const item = (fields: Partial<Item>, end: number) => ({ item: { min: 1, max: 1, ...fields }, end });
  if (ch === '(') {
    const end = closing(s, i);
    if (end < 0) throw new Unknown();
    const look = /^\(\?<?[=!]/.exec(s.slice(i, i + 4));
    if (look) return item({ assert: look[0] }, end + 1);
    let from = i + 1;
    if (s.startsWith('(?:', i)) from = i + 3;
    else if (s.startsWith('(?<', i)) from = s.indexOf('>', i) + 1;
    else if (s[i + 1] === '?') return item({ unknown: true }, end + 1);
    return item({ group: parsePattern(s.slice(from, end)) }, end + 1);
  }
  if (ch === '[') {
    const end = closing(s, i);
    if (end < 0) throw new Unknown();
    return item({ set: readClass(s.slice(i + 1, end)) }, end + 1);
  }
  if (ch === '^' || ch === '$') return item({ assert: ch }, i + 1);
  if (ch === '.') return item({ set: complement(LINE_END) }, i + 1);
  if (ch === ')' || ch === '|' || ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new Unknown();
  if (ch === '\\') {
    const next = s[i + 1] ?? '';
    if (next === 'b' || next === 'B') return item({ assert: `\\${next}` }, i + 2);
    const e = readEscape(s, i);
    return item(e.set ? { set: e.set } : { unknown: true }, e.end);
  }
  const cp = s.codePointAt(i)!;
  return item({ set: [[cp, cp]] }, i + (cp > 0xffff ? 2 : 1));
}

/** An escape at `i` (outside a class, or inside one with `inClass`): its set, or none (unknown). */
function readEscape(s: string, i: number, inClass = false): { set?: Ranges; end: number } {
  const next = s[i + 1] ?? '';
  const one = (cp: number, end: number) => ({ set: [[cp, cp]] as Ranges, end });
  if (CLASS_ESCAPES[next]) return { set: CLASS_ESCAPES[next], end: i + 2 };
  if (next === 'p' || next === 'P') {
    const close = s.indexOf('}', i);
    return { set: ANY, end: close < 0 ? i + 2 : close + 1 };
  }
  if (next === 'u' && s[i + 2] === '{') {
    const close = s.indexOf('}', i);
    if (close < 0) throw new Unknown();
    return one(parseInt(s.slice(i + 3, close), 16), close + 1);
  }
  const hex = next === 'u' ? 4 : next === 'x' ? 2 : 0;
  if (hex && /^[0-9a-fA-F]+$/.test(s.slice(i + 2, i + 2 + hex)) && s.length >= i + 2 + hex) {
    const cp = parseInt(s.slice(i + 2, i + 2 + hex), 16);
    return cp >= 0xd800 && cp <= 0xdfff ? { end: i + 2 + hex } : one(cp, i + 2 + hex);
  }
  if (next in CONTROL && !(next === '0' && /[0-9]/.test(s[i + 2] ?? ''))) return one(CONTROL[next], i + 2);
  if (inClass && next === 'b') return one(8, i + 2);
  if (/^[\\^$.*+?()[\]{}|/-]$/.test(next)) return one(next.charCodeAt(0), i + 2);
  return { end: i + 2 }; // a back-reference, `\k<…>`, `\c…`: not modelled
}

/** The set of a class body (between the brackets); anything it cannot read makes it any character. */
function readClass(body: string): Ranges {
  const negated = body[0] === '^';
  const out: Ranges = [];
  let j = negated ? 1 : 0;
  const atom = (): Ranges | null => {
    if (body[j] === '\\') {
      const e = readEscape(body, j, true);
      j = e.end;
      return e.set ?? null;
    }
    const cp = body.codePointAt(j)!;
    j += cp > 0xffff ? 2 : 1;
    return [[cp, cp]];
  };
  while (j < body.length) {
    const lo = atom();
    if (!lo) return ANY;
    if (body[j] === '-' && j + 1 < body.length) {
      j++;
      const hi = atom();
      if (!hi || lo.length !== 1 || hi.length !== 1 || lo[0][0] !== lo[0][1] || hi[0][0] < lo[0][0]) return ANY;
      out.push([lo[0][0], hi[0][1]]);
    } else out.push(...lo);
  }
  return negated ? complement(out) : out;
}

/** `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (each optionally lazy) after an item. */
function readQuantifier(s: string, i: number): { min: number; max: number; end: number } {
  const ch = s[i];
  let min = 1,
    max = 1,
    end = i + 1;
  if (ch === '?') min = 0;
  else if (ch === '*') [min, max] = [0, Infinity];
  else if (ch === '+') max = Infinity;
  else if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i));
    if (!m) throw new Unknown();
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
    end = i + m[0].length;
  } else return { min, max, end: i };
  if (s[end] === '?') end++;
  return { min, max, end };
}
