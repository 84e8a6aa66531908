/**
 * Money amounts in a complaint, as features for the learned layer: a demand grossly out of
 * proportion to the other amounts mentioned (the price, the fee) is what the domain calls
 * extortion when it comes with a threat. The currency markers come from the policy
 * (`classification.amounts`); this file knows only how numbers are written (digits with
 * separators, "k", Chinese numerals and 万/萬). Pure and browser-safe.
 */

export interface AmountOptions {
  /** Markers written before an amount ("$", "£", "nt$", "rmb"). Lower case. */
  before: readonly string[];
  /** Markers written after an amount ("dollars", "元", "块", "蚊"). Lower case. */
  after: readonly string[];
  /** Largest / smallest amount at or above which the text counts as disproportionate. */
  ratio: number;
  /** An amount at or above this counts as large on its own. */
  large: number;
}

export interface CompiledAmounts {
  before: string[];
  after: string[];
  maxBefore: number;
  maxAfter: number;
  o: AmountOptions;
}

const HAN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000, 萬: 10000 };
/** A number (digits with separators, or Chinese numerals) and an optional scale. */
const NUM_RE = /(\d[\d,]*(?:\.\d+)?|[零〇一二两兩三四五六七八九十百千]+)[ \t]*(k(?![a-z])|千|万|萬)?/gi;
const SPACE_RE = /\s/;

export function compileAmounts(o: AmountOptions | undefined): CompiledAmounts | null {
  if (!o || (!o.before.length && !o.after.length)) return null;
  const norm = (a: readonly string[]) => [...new Set(a.map((m) => m.normalize('NFKC').toLowerCase()))].sort((x, y) => y.length - x.length);
  const before = norm(o.before);
  const after = norm(o.after);
  return { before, after, maxBefore: Math.max(0, ...before.map((m) => m.length)), maxAfter: Math.max(0, ...after.map((m) => m.length)), o };
}

/** Parses digits ("15,000", "2.5") or Chinese numerals ("八", "十二", "三千五"). NaN when neither. */
export function parseNumber(s: string): number {
  if (/^\d/.test(s)) return Number(s.replace(/,/g, ''));
  let total = 0,
    section = 0,
    digit = 0;
  for (const ch of s) {
    if (ch in HAN_DIGIT) digit = HAN_DIGIT[ch];
    else if (ch in HAN_UNIT) {
      const u = HAN_UNIT[ch];
      if (u === 10000) {
        total += (section + digit) * u;
        section = 0;
      } else section += (digit || 1) * u;
      digit = 0;
    } else return NaN;
  }
  return total + section + digit;
}

const SCALE: Record<string, number> = { k: 1000, 千: 1000, 万: 10000, 萬: 10000 };

/**
 * The amounts written in `text` (normalised, any case): each number with a currency marker right
 * before it (one space allowed) or right after it (spaces allowed). Numbers are found first and
 * the markers checked beside them, which keeps long texts cheap.
 */
export function amountsOf(c: CompiledAmounts, text: string): number[] {
  const out: number[] = [];
  NUM_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NUM_RE.exec(text)) !== null) {
    const start = m.index;
    let end = start + m[0].length;
    if (!m[2]) while (end > start && SPACE_RE.test(text[end - 1])) end--;
    if (!(markedBefore(c, text, start) || markedAfter(c, text, end))) continue;
    const v = parseNumber(m[1]) * (SCALE[(m[2] ?? '').toLowerCase()] ?? 1);
    if (Number.isFinite(v) && v > 0) out.push(v);
  }
  return out;
}

function markedBefore(c: CompiledAmounts, text: string, start: number): boolean {
  if (!c.before.length || start === 0) return false;
  let at = start;
  if (SPACE_RE.test(text[at - 1])) at--;
  const window = text.slice(Math.max(0, at - c.maxBefore), at).toLowerCase();
  return c.before.some((k) => window.endsWith(k));
}

function markedAfter(c: CompiledAmounts, text: string, end: number): boolean {
  if (!c.after.length || end >= text.length) return false;
  let at = end;
  while (at < text.length && SPACE_RE.test(text[at])) at++;
  const window = text.slice(at, at + c.maxAfter).toLowerCase();
  return c.after.some((k) => window.startsWith(k));
}

/**
 * Feature names for the model: `amount:large` (one amount at or above `large`), `amount:ratio`
 * (the largest amount is at least `ratio` times the smallest), and each of them joined with a
 * threat signal the rules found (`amount:ratio+legal`), since the domain needs both.
 */
export function amountFeatures(c: CompiledAmounts | null, text: string, threats: readonly string[], out: string[]): void {
  if (!c) return;
  const a = amountsOf(c, text);
  if (a.length === 0) return;
  let min = Infinity,
    max = 0;
  for (const v of a) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const found: string[] = [];
  if (max >= c.o.large) found.push('amount:large');
  if (a.length > 1 && max >= c.o.ratio * min) found.push('amount:ratio');
  for (const f of found) {
    out.push(f);
    for (const t of threats) out.push(`${f}+${t}`);
  }
}
