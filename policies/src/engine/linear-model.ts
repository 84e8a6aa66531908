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
  weights: Map<string, Float64Array>;
  bias: Float64Array;
}

export function compileModel(a: ModelArtifact): LinearModel {
  const weights = new Map<string, Float64Array>();
  for (const [k, w] of Object.entries(a.weights)) weights.set(k, Float64Array.from(w));
  return { artifact: a, fold: new Map(Object.entries(a.fold)), weights, bias: Float64Array.from(a.bias) };
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
const TOKEN_RE = /[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

/** A light English stem: drops plural/past/-ing endings so "sparked", "sparks", "sparking" share a feature. */
export function stem(w: string): string {
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
      words.push(stem(tok.replace(/[0-9]/g, '0').replace(/[’]/g, "'")));
    }
  }
  flush();
}

export interface ModelScores {
  category: Record<CategoryId, number>;
  severity: Record<SeverityId, number>;
  signals: Record<SignalId, number>;
  /** The features present that the model knows. */
  used: string[];
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
export function logits(model: LinearModel, ngrams: Set<string>, ruleFeatures: string[]): { z: Float64Array; used: string[]; scale: number } {
  const z = Float64Array.from(model.bias);
  const used: string[] = [];
  const known: Float64Array[] = [];
  for (const g of ngrams) {
    const w = model.weights.get(g);
    if (w) { known.push(w); used.push(g); }
  }
  const scale = ngrams.size ? 1 / Math.sqrt(ngrams.size) : 0;
  for (const w of known) for (let i = 0; i < WIDTH; i++) z[i] += w[i] * scale;
  for (const f of ruleFeatures) {
    const w = model.weights.get(f);
    if (w) { for (let i = 0; i < WIDTH; i++) z[i] += w[i]; used.push(f); }
  }
  return { z, used, scale };
}

export function scoresOf(z: Float64Array, used: string[]): ModelScores {
  const c = softmax(z, CAT0, CATEGORY_IDS.length);
  const s = softmax(z, SEV0, SEVERITY_IDS.length);
  const category = Object.fromEntries(CATEGORY_IDS.map((id, i) => [id, c[i]])) as Record<CategoryId, number>;
  const severity = Object.fromEntries(SEVERITY_IDS.map((id, i) => [id, s[i]])) as Record<SeverityId, number>;
  const signals = Object.fromEntries(SIGNAL_IDS.map((id, i) => [id, 1 / (1 + Math.exp(-z[SIG0 + i]))])) as Record<SignalId, number>;
  return { category, severity, signals, used };
}

/** The features that pushed output `out` up the most: [feature, contribution], heaviest first. */
export function heaviest(model: LinearModel, used: string[], scale: number, out: number, k = 3): [string, number][] {
  const contrib: [string, number][] = [];
  for (const f of used) {
    const w = model.weights.get(f);
    if (!w) continue;
    const v = w[out] * (f.startsWith('rule:') || f.startsWith('sig:') ? 1 : scale);
    if (v > 0) contrib.push([f, v]);
  }
  contrib.sort((a, b) => b[1] - a[1]);
  return contrib.slice(0, k);
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
