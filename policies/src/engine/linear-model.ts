/**
 * The learned layer: a linear model over character n-grams (Chinese), word n-grams (English)
 * and the rules that matched, with three heads — category (softmax), severity (softmax) and one
 * sigmoid per signal. Trained by `complaint-desk model train` into a JSON artifact. Pure and
 * browser-safe; the artifact is loaded by the server (policies/server/load-model.ts).
 */
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS, type CategoryId, type SeverityId, type SignalId } from '../ids';

export const MODEL_FORMAT = 'complaint-desk-linear-v1';

/** Output layout of a feature's weight row: categories, then severities, then signals. */
export const OUTPUTS = [...CATEGORY_IDS.map((c) => `category:${c}`), ...SEVERITY_IDS.map((s) => `severity:${s}`), ...SIGNAL_IDS.map((s) => `signal:${s}`)];
export const CAT0 = 0;
export const SEV0 = CATEGORY_IDS.length;
export const SIG0 = SEV0 + SEVERITY_IDS.length;
export const WIDTH = SIG0 + SIGNAL_IDS.length;

export interface ModelArtifact {
  format: typeof MODEL_FORMAT;
  trainedAt: string;
  /** How many labelled examples it learned from, and from where. */
  examples: number;
  sources: string[];
  options: { charNgrams: number; wordNgrams: number; epochs: number; l2: number; minCount: number };
  /** Traditional → simplified characters for the model's vocabulary (applied before n-grams). */
  fold: Record<string, string>;
  bias: number[];
  /** n-gram or rule feature → WIDTH weights (see OUTPUTS). */
  weights: Record<string, number[]>;
}

export interface LinearModel {
  artifact: ModelArtifact;
  fold: Map<string, string>;
  /** Open-addressing table: feature hash (see hashString) → row in `flat` (no n-gram strings at run time). */
  keys: Int32Array;
  rows: Int32Array;
  mask: number;
  /** Row-major weights, WIDTH per feature. */
  flat: Float64Array;
  names: string[];
  bias: Float64Array;
}

/** The weight row of a feature hash, or -1. */
export function rowOf(m: LinearModel, h: number): number {
  let i = Math.imul(h, 0x9e3779b1) & m.mask;
  for (;;) {
    const k = m.keys[i];
    if (k === h) return m.rows[i];
    if (k === -1) return -1;
    i = (i + 1) & m.mask;
  }
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function step(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Keys stay small integers (30 bits) so maps and sets of them allocate nothing. */
const KEY = 0x3fffffff;

/** FNV-1a of a feature's text (UTF-16 code units), cut to 30 bits: the key run-time features are looked up by. */
export function hashString(text: string): number {
  return step(FNV_BASIS, text) & KEY;
}

export function compileModel(a: ModelArtifact): LinearModel {
  const entries = Object.entries(a.weights);
  let size = 16;
  while (size < entries.length * 2) size *= 2;
  const m: LinearModel = {
    artifact: a, fold: new Map(Object.entries(a.fold)), keys: new Int32Array(size).fill(-1), rows: new Int32Array(size), mask: size - 1,
    flat: new Float64Array(entries.length * WIDTH), names: [], bias: Float64Array.from(a.bias),
  };
  for (const [k, w] of entries) {
    const h = hashString(k);
    if (rowOf(m, h) >= 0) continue; // two kept features share a 30-bit hash: the first one wins
    let i = Math.imul(h, 0x9e3779b1) & m.mask;
    while (m.keys[i] !== -1) i = (i + 1) & m.mask;
    const row = m.names.length;
    m.keys[i] = h;
    m.rows[i] = row;
    m.names.push(k);
    m.flat.set(w, row * WIDTH);
  }
  return m;
}

/** Checks the shape of a parsed artifact; the problem in words, or null. */
export function modelArtifactProblem(a: unknown): string | null {
  if (!a || typeof a !== 'object') return 'not a JSON object';
  const m = a as Partial<ModelArtifact>;
  if (m.format !== MODEL_FORMAT) return `format must be "${MODEL_FORMAT}" (got ${JSON.stringify(m.format)})`;
  if (!Array.isArray(m.bias) || m.bias.length !== WIDTH || !m.bias.every(Number.isFinite)) return `bias must be ${WIDTH} numbers`;
  if (!m.weights || typeof m.weights !== 'object') return 'weights missing';
  for (const [k, w] of Object.entries(m.weights)) {
    if (!Array.isArray(w) || w.length !== WIDTH || !w.every(Number.isFinite)) return `weights["${k.slice(0, 40)}"] must be ${WIDTH} numbers`;
  }
  if (!m.fold || typeof m.fold !== 'object') return 'fold missing';
  if (!m.options || typeof m.options.charNgrams !== 'number' || typeof m.options.wordNgrams !== 'number') return 'options missing';
  return null;
}

const CJK_RE = /[\p{Script=Han}]/u;
const BREAK_RE = /[.!?;。！？；\n]/;
const DIGITS = /[0-9]/g;
const TOKEN_RE = /[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

/** A light English stem: drops plural/past/-ing endings so "sparked", "sparks", "sparking" share a feature. */
export function stem(word: string): string {
  const w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/**
 * The n-gram features of an already normalised (NFKC, lower-case) text: Han runs give
 * character 1..charN-grams (after folding traditional to simplified), other runs give stemmed
 * word 1..wordN-grams; digits collapse to "0".
 */
export function textFeatures(text: string, fold: Map<string, string>, charN: number, wordN: number, out: Set<string>): void {
  let words: string[] = [];
  const flush = () => {
    for (let i = 0; i < words.length; i++) {
      let g = words[i];
      out.add(g);
      for (let n = 2; n <= wordN && i + n <= words.length; n++) {
        g += ` ${words[i + n - 1]}`;
        out.add(g);
      }
    }
    words = [];
  };
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const tok = m[0];
    // Sentence punctuation between tokens breaks word n-grams.
    if (m.index > lastEnd && /[.!?;。！？；\n]/.test(text.slice(lastEnd, m.index))) flush();
    lastEnd = m.index + tok.length;
    if (CJK_RE.test(tok[0])) {
      flush();
      let s = '';
      for (const ch of tok) s += fold.get(ch) ?? ch;
      const chars = Array.from(s);
      for (let i = 0; i < chars.length; i++) {
        let g = chars[i];
        out.add(g);
        for (let n = 2; n <= charN && i + n <= chars.length; n++) {
          g += chars[i + n - 1];
          out.add(g);
        }
      }
    } else {
      words.push(stem(tok.toLowerCase().replace(/[0-9]/g, '0').replace(/[’]/g, "'")));
    }
  }
  flush();
}

/**
 * The same features as `textFeatures`, as their `hashString` values, computed incrementally
 * without building the n-gram strings (the run-time path).
 */
export function textFeatureHashes(text: string, fold: Map<string, string>, charN: number, wordN: number, out: Set<number>): void {
  if (ASCII_RE.test(text)) { asciiFeatureHashes(text, wordN, out); return; }
  let words: string[] = [];
  const flush = () => {
    for (let i = 0; i < words.length; i++) {
      let h = step(FNV_BASIS, words[i]);
      out.add(h & KEY);
      for (let n = 2; n <= wordN && i + n <= words.length; n++) {
        h = step(Math.imul(h ^ 32, FNV_PRIME), words[i + n - 1]);
        out.add(h & KEY);
      }
    }
    words = [];
  };
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const tok = m[0];
    if (m.index > lastEnd && BREAK_RE.test(text.slice(lastEnd, m.index))) flush();
    lastEnd = m.index + tok.length;
    if (CJK_RE.test(tok[0])) {
      flush();
      const chars: string[] = [];
      for (const ch of tok) chars.push(fold.get(ch) ?? ch);
      for (let i = 0; i < chars.length; i++) {
        let h = FNV_BASIS;
        for (let n = 1; n <= charN && i + n <= chars.length; n++) {
          h = step(h, chars[i + n - 1]);
          out.add(h & KEY);
        }
      }
    } else {
      words.push(stem(tok.toLowerCase().replace(DIGITS, '0').replace(/[’]/g, "'")));
    }
  }
  flush();
}

// eslint-disable-next-line no-control-regex
const ASCII_RE = /^[\x00-\x7f]*$/;
let buf = new Uint16Array(4096);
let spans = new Int32Array(1024);

/** textFeatureHashes for ASCII text: the same tokens, stems and hashes from char codes, no strings. */
function asciiFeatureHashes(text: string, wordN: number, out: Set<number>): void {
  if (buf.length < text.length + 8) buf = new Uint16Array(text.length * 2 + 8);
  if (spans.length < text.length + 8) spans = new Int32Array(text.length * 2 + 8);
  // spans holds, per word: start in buf, length, and whether a "y" follows (ies → y).
  let n = 0;
  let top = 0;
  const flush = () => {
    for (let i = 0; i < n; i++) {
      let h = hashCodes(FNV_BASIS, i);
      out.add(h & KEY);
      for (let k = 2; k <= wordN && i + k <= n; k++) {
        h = hashCodes(Math.imul(h ^ 32, FNV_PRIME), i + k - 1);
        out.add(h & KEY);
      }
    }
    n = 0;
    top = 0;
  };
  let i = 0;
  let sawBreak = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isAlnum(c)) {
      if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) sawBreak = true;
      i++;
      continue;
    }
    if (sawBreak) { flush(); sawBreak = false; }
    const start = top;
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (isAlnum(d)) buf[top++] = d >= 65 && d <= 90 ? d + 32 : d >= 48 && d <= 57 ? 48 : d;
      else if (d === 39) buf[top++] = 39;
      else break;
      i++;
    }
    let len = top - start;
    let y = 0;
    // stem(): the same rules as the string version
    if (len >= 2 && buf[start + len - 2] === 39 && buf[start + len - 1] === 115) len -= 2;
    if (len > 4) {
      const e = start + len;
      if (buf[e - 3] === 105 && buf[e - 2] === 101 && buf[e - 1] === 115) { len -= 3; y = 1; }
      else if (len > 5 && buf[e - 3] === 105 && buf[e - 2] === 110 && buf[e - 1] === 103) len -= 3;
      else if (buf[e - 2] === 101 && buf[e - 1] === 100) len -= 2;
      else if (buf[e - 2] === 101 && buf[e - 1] === 115) len -= 2;
      else if (buf[e - 1] === 115 && buf[e - 2] !== 115) len -= 1;
    }
    spans[n * 3] = start;
    spans[n * 3 + 1] = len;
    spans[n * 3 + 2] = y;
    n++;
  }
  flush();
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

function hashCodes(h: number, word: number): number {
  const start = spans[word * 3];
  const end = start + spans[word * 3 + 1];
  for (let j = start; j < end; j++) h = Math.imul(h ^ buf[j], FNV_PRIME);
  return spans[word * 3 + 2] ? Math.imul(h ^ 121, FNV_PRIME) : h;
}

export interface ModelScores {
  category: Record<CategoryId, number>;
  severity: Record<SeverityId, number>;
  signals: Record<SignalId, number>;
  /** Rows of the features present that the model knows. */
  used: number[];
}

function softmax(z: Float64Array, from: number, n: number): number[] {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[from + i]);
  const e: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) { const v = Math.exp(z[from + i] - max); e.push(v); sum += v; }
  return e.map((v) => v / sum);
}

/** Raw scores of a feature set: bias plus the weights of the known features (n-grams scaled by 1/√count). */
export function logits(model: LinearModel, ngrams: Set<number>, ruleFeatures: string[]): { z: Float64Array; used: number[]; scale: number; ruleCount: number } {
  const z = Float64Array.from(model.bias);
  const used: number[] = [];
  const scale = ngrams.size ? 1 / Math.sqrt(ngrams.size) : 0;
  const flat = model.flat;
  for (const g of ngrams) {
    const r = rowOf(model, g);
    if (r < 0) continue;
    const o = r * WIDTH;
    for (let i = 0; i < WIDTH; i++) z[i] += flat[o + i] * scale;
    used.push(r);
  }
  let ruleCount = 0;
  for (const f of ruleFeatures) {
    const r = rowOf(model, hashString(f));
    if (r < 0) continue;
    const o = r * WIDTH;
    for (let i = 0; i < WIDTH; i++) z[i] += flat[o + i];
    used.push(r);
    ruleCount++;
  }
  return { z, used, scale, ruleCount };
}

export function scoresOf(z: Float64Array, used: number[]): ModelScores {
  const c = softmax(z, CAT0, CATEGORY_IDS.length);
  const s = softmax(z, SEV0, SEVERITY_IDS.length);
  const category = Object.fromEntries(CATEGORY_IDS.map((id, i) => [id, c[i]])) as Record<CategoryId, number>;
  const severity = Object.fromEntries(SEVERITY_IDS.map((id, i) => [id, s[i]])) as Record<SeverityId, number>;
  const signals = Object.fromEntries(SIGNAL_IDS.map((id, i) => [id, 1 / (1 + Math.exp(-z[SIG0 + i]))])) as Record<SignalId, number>;
  return { category, severity, signals, used };
}

/** The features that pushed output `out` up the most: [feature, contribution], heaviest first. */
export function heaviest(model: LinearModel, used: number[], scale: number, out: number, ruleCount: number, k = 3): [string, number][] {
  // `used` lists the n-grams first, then the `ruleCount` rule features (weight 1, not scaled).
  const top: [number, number][] = [];
  const firstRule = used.length - ruleCount;
  for (let i = 0; i < used.length; i++) {
    const v = model.flat[used[i] * WIDTH + out] * (i >= firstRule ? 1 : scale);
    if (v <= 0 || (top.length === k && v <= top[k - 1][1])) continue;
    let j = top.length < k ? top.length : k - 1;
    while (j > 0 && top[j - 1][1] < v) j--;
    top.splice(j, 0, [used[i], v]);
    if (top.length > k) top.pop();
  }
  return top.map(([row, v]) => [model.names[row], v]);
}

const registry = new WeakMap<object, LinearModel>();

/** Attaches a compiled model to a policy object (the server does this after loading the artifact). */
export function attachModel(policy: object, model: LinearModel | null): void {
  if (model) registry.set(policy, model);
  else registry.delete(policy);
}

export function modelOf(policy: object): LinearModel | null {
  return registry.get(policy) ?? null;
}
