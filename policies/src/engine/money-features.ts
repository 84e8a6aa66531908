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

export interface CompiledAmounts { re: RegExp; o: AmountOptions }

const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
const HAN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const HAN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000, 萬: 10000 };
const NUM = String.raw`(\d[\d,]*(?:\.\d+)?|[零〇一二两兩三四五六七八九十百千]+)\s*(k|千|万|萬)?`;

export function compileAmounts(o: AmountOptions | undefined): CompiledAmounts | null {
  if (!o || (!o.before.length && !o.after.length)) return null;
  const before = [...o.before].sort((a, b) => b.length - a.length).map(esc).join('|');
  const after = [...o.after].sort((a, b) => b.length - a.length).map(esc).join('|');
  // Group 1/2: number and scale after a leading marker; group 3/4: before a trailing marker.
  const parts = [before ? String.raw`(?:${before})\s?${NUM}` : '(?!)()()', after ? String.raw`${NUM}\s*(?:${after})` : '(?!)()()'];
  return { re: new RegExp(parts.join('|'), 'giu'), o };
}

/** Parses digits ("15,000", "2.5") or Chinese numerals ("八", "十二", "三千五"). NaN when neither. */
export function parseNumber(s: string): number {
  if (/^\d/.test(s)) return Number(s.replace(/,/g, ''));
  let total = 0, section = 0, digit = 0;
  for (const ch of s) {
    if (ch in HAN_DIGIT) digit = HAN_DIGIT[ch];
    else if (ch in HAN_UNIT) {
      const u = HAN_UNIT[ch];
      if (u === 10000) { total += (section + digit) * u; section = 0; }
      else section += (digit || 1) * u;
      digit = 0;
    } else return NaN;
  }
  return total + section + digit;
}

const SCALE: Record<string, number> = { k: 1000, 千: 1000, 万: 10000, 萬: 10000 };

/** The amounts written in `text` (normalised, any case). */
export function amountsOf(c: CompiledAmounts, text: string): number[] {
  const out: number[] = [];
  c.re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = c.re.exec(text)) !== null) {
    const num = m[1] ?? m[3];
    const unit = (m[2] ?? m[4] ?? '').toLowerCase();
    const v = parseNumber(num) * (SCALE[unit] ?? 1);
    if (Number.isFinite(v) && v > 0) out.push(v);
  }
  return out;
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
  let min = Infinity, max = 0;
  for (const v of a) { if (v < min) min = v; if (v > max) max = v; }
  const found: string[] = [];
  if (max >= c.o.large) found.push('amount:large');
  if (a.length > 1 && max >= c.o.ratio * min) found.push('amount:ratio');
  for (const f of found) {
    out.push(f);
    for (const t of threats) out.push(`${f}+${t}`);
  }
}
