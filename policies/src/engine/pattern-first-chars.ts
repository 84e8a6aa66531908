/**
 * Compile-time analysis of a rule pattern's source: the Han characters every match must begin with.
 * A pattern whose matches all start with one of a known set of Han ideographs (which have no case
 * variants, so flag `i` changes nothing) can be looked for only at positions holding one of them,
 * instead of inside one large alternation tried at every position of Chinese text. Anything the
 * analysis does not understand (`.`, `\d`, a negated class, a Latin letter, a pattern that can match
 * the empty string, a back-reference...) yields null: that pattern stays on the combined-regex path.
 * Pure; no policy knowledge.
 */
import { alternatives, closing } from './pattern-source';

/** Inclusive code point ranges every match may start with; a single character is [cp, cp]. */
export type FirstChars = [number, number][];

/** Blocks of Han ideographs (no case folding anywhere in them): a class range must lie inside one. */
const CASELESS_BLOCKS: [number, number][] = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0x20000, 0x3ffff],
];
const HAN = /^\p{Script=Han}$/u;

function caseless(lo: number, hi: number): boolean {
  if (lo === hi && HAN.test(String.fromCodePoint(lo))) return true;
  return CASELESS_BLOCKS.some(([a, b]) => lo >= a && hi <= b);
}

interface Parsed {
  first: FirstChars;
  nullable: boolean;
}

/** Thrown inside the parser for anything outside the understood subset. */
class Unknown extends Error {}

/**
 * The Han first characters of `source` (a pattern compiled with flags `iu`), or null when a match
 * could begin with something else or the source is outside what the analysis understands.
 */
export function hanFirstChars(source: string): FirstChars | null {
  try {
    const p = parseAlternation(source);
    if (p.nullable || p.first.length === 0) return null;
    return p.first.every(([lo, hi]) => caseless(lo, hi)) ? merge(p.first) : null;
  } catch (e) {
    if (e instanceof Unknown) return null;
    throw e;
  }
}

function parseAlternation(source: string): Parsed {
  const out: Parsed = { first: [], nullable: false };
  for (const alt of alternatives(source)) {
    const p = parseSequence(alt);
    out.first.push(...p.first);
    out.nullable ||= p.nullable;
  }
  return out;
}

/** First characters of a sequence: each item's, until one that cannot match empty. */
function parseSequence(seq: string): Parsed {
  const first: FirstChars = [];
  let i = 0;
  while (i < seq.length) {
    const item = readItem(seq, i);
    i = item.end;
    const q = readQuantifier(seq, i);
    i = q.end;
    if (item.zeroWidth) continue; // an assertion consumes nothing: dropping it only widens the set
    first.push(...item.first);
    if (!(item.nullable || q.optional)) return { first, nullable: false };
  }
  return { first, nullable: true };
}

interface Item extends Parsed {
  end: number;
  zeroWidth: boolean;
}

function readItem(s: string, i: number): Item {
  const ch = s[i];
  if (ch === '(') {
    const end = closing(s, i);
    if (end < 0) throw new Unknown();
    if (s.startsWith('(?=', i) || s.startsWith('(?!', i) || s.startsWith('(?<=', i) || s.startsWith('(?<!', i))
      return { first: [], nullable: true, end: end + 1, zeroWidth: true };
    let from = i + 1;
    if (s.startsWith('(?:', i)) from = i + 3;
    else if (s.startsWith('(?<', i)) from = s.indexOf('>', i) + 1;
    else if (s[i + 1] === '?') throw new Unknown();
    return { ...parseAlternation(s.slice(from, end)), end: end + 1, zeroWidth: false };
  }
  if (ch === '[') return readClass(s, i);
  if (ch === '^' || ch === '$') return { first: [], nullable: true, end: i + 1, zeroWidth: true };
  if (ch === '.' || ch === ')' || ch === '|' || ch === '*' || ch === '+' || ch === '?' || ch === '{') throw new Unknown();
  if (ch === '\\') {
    const next = s[i + 1];
    if (next === 'b' || next === 'B') return { first: [], nullable: true, end: i + 2, zeroWidth: true };
    const esc = readEscape(s, i);
    return { first: [[esc.cp, esc.cp]], nullable: false, end: esc.end, zeroWidth: false };
  }
  const cp = s.codePointAt(i)!;
  return { first: [[cp, cp]], nullable: false, end: i + (cp > 0xffff ? 2 : 1), zeroWidth: false };
}

/** A single-character escape (`\.`, `\u4e00`, `\u{20000}`, `\x41`); class escapes such as `\d` are unknown. */
function readEscape(s: string, i: number): { cp: number; end: number } {
  const next = s[i + 1] ?? '';
  if (next === 'u' && s[i + 2] === '{') {
    const close = s.indexOf('}', i);
    if (close < 0) throw new Unknown();
    return { cp: parseInt(s.slice(i + 3, close), 16), end: close + 1 };
  }
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
    const cp = parseInt(s.slice(i + 2, i + 6), 16);
    if (cp >= 0xd800 && cp <= 0xdfff) throw new Unknown();
    return { cp, end: i + 6 };
  }
  if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 2, i + 4))) return { cp: parseInt(s.slice(i + 2, i + 4), 16), end: i + 4 };
  if (/^[\\^$.*+?()[\]{}|/-]$/.test(next)) return { cp: next.charCodeAt(0), end: i + 2 };
  throw new Unknown();
}

function readClass(s: string, i: number): Item {
  if (s[i + 1] === '^') throw new Unknown();
  const first: FirstChars = [];
  let j = i + 1;
  const atom = (): number => {
    if (s[j] === '\\') {
      const e = readEscape(s, j);
      j = e.end;
      return e.cp;
    }
    const cp = s.codePointAt(j)!;
    j += cp > 0xffff ? 2 : 1;
    return cp;
  };
  while (j < s.length && s[j] !== ']') {
    const lo = atom();
    if (s[j] === '-' && s[j + 1] !== ']' && j + 1 < s.length) {
      j++;
      const hi = atom();
      if (hi < lo) throw new Unknown();
      first.push([lo, hi]);
    } else first.push([lo, lo]);
  }
  if (s[j] !== ']' || first.length === 0) throw new Unknown();
  return { first, nullable: false, end: j + 1, zeroWidth: false };
}

/** `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (each optionally lazy) after an item; optional when its minimum is 0. */
function readQuantifier(s: string, i: number): { optional: boolean; end: number } {
  const ch = s[i];
  let end = i;
  let optional = false;
  if (ch === '?' || ch === '*') {
    optional = true;
    end = i + 1;
  } else if (ch === '+') end = i + 1;
  else if (ch === '{') {
    const m = /^\{(\d+)(?:,\d*)?\}/.exec(s.slice(i));
    if (!m) throw new Unknown();
    optional = Number(m[1]) === 0;
    end = i + m[0].length;
  } else return { optional: false, end: i };
  if (s[end] === '?') end++;
  return { optional, end };
}

/** Sorted, overlapping and adjacent ranges merged. */
function merge(ranges: FirstChars): FirstChars {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: FirstChars = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}
