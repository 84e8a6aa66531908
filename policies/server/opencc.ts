/**
 * Traditional ↔ simplified Chinese through opencc-js (a maintained converter). Node-side only:
 * the sidebar never bundles it (its dictionaries are ~1 MB); the server expands the policy's
 * phrases into both scripts instead, and the model artifact carries the few characters it needs.
 */
// opencc-js ships a CommonJS (UMD) build for require(); its types describe the same API.
import type * as OpenCCModule from 'opencc-js';
import { cacheKey, throughCache } from './prepare-cache';

type Convert = (text: string) => string;

let converters: { toSimplified: Convert[]; toTraditional: Convert[] } | null = null;

/**
 * The converters, made on first use. The module (1.2 MB of dictionaries as source) is required here, not at import:
 * a process whose widened phrases and fold map come from the preparation cache never loads it.
 */
function get(): NonNullable<typeof converters> {
  if (converters) return converters;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const OpenCC = require('opencc-js') as typeof OpenCCModule;
  converters = {
    toSimplified: [OpenCC.Converter({ from: 'tw', to: 'cn' }), OpenCC.Converter({ from: 'hk', to: 'cn' })],
    toTraditional: [
      OpenCC.Converter({ from: 'cn', to: 'tw' }),
      OpenCC.Converter({ from: 'cn', to: 'hk' }),
      OpenCC.Converter({ from: 'cn', to: 'twp' }),
    ],
  };
  return converters;
}

const HAN = /\p{Script=Han}/u;

/**
 * Variants by phrase: each activation (on the event loop) widens every phrase of the policy, and successive
 * policies share nearly all of them. Bounded: cleared when it outgrows a few policies' worth.
 */
const known = new Map<string, readonly string[]>();
const MAX_KNOWN = 50_000;

/** The text in every script variant (itself first, no duplicates); non-Chinese text is returned alone. Do not modify the array. */
export function scriptVariants(text: string): readonly string[] {
  if (!HAN.test(text)) return [text];
  const hit = known.get(text);
  if (hit) return hit;
  const c = get();
  const out = new Set<string>([text]);
  for (const s of c.toSimplified.map((f) => f(text))) {
    out.add(s);
    for (const t of c.toTraditional) out.add(t(s));
  }
  for (const t of c.toTraditional) out.add(t(text));
  if (known.size >= MAX_KNOWN) known.clear();
  const variants = Object.freeze([...out]);
  known.set(text, variants);
  return variants;
}

const FIRST = 0x3400;
const LAST = 0x9fff;

/** Traditional → simplified for every CJK unified ideograph that changes (one character to one), from the converters. */
function convertedFoldMap(): Map<string, string> {
  const c = get();
  const map = new Map<string, string>();
  for (let cp = FIRST; cp <= LAST; cp++) {
    const ch = String.fromCodePoint(cp);
    for (const f of c.toSimplified) {
      const s = f(ch);
      if (s !== ch && Array.from(s).length === 1) {
        map.set(ch, s);
        break;
      }
    }
  }
  return map;
}

const oneChar = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && Array.from(s).length === 1;

/** A fold map stored by foldMap, or null when the bytes are not one (then it is converted again). */
export function foldMapFromBytes(b: Buffer): Map<string, string> | null {
  try {
    const pairs = JSON.parse(b.toString('utf8')) as unknown;
    if (!Array.isArray(pairs)) return null;
    let last = FIRST - 1;
    for (const p of pairs) {
      if (!Array.isArray(p) || p.length !== 2 || !oneChar(p[0]) || !oneChar(p[1]) || p[0] === p[1]) return null;
      const cp = p[0].codePointAt(0)!;
      if (cp <= last || cp > LAST) return null; // in code point order, each once, in the converted range
      last = cp;
    }
    return new Map(pairs as [string, string][]);
  } catch {
    return null;
  }
}

/**
 * Traditional → simplified for every CJK unified ideograph that changes (one character to one). Kept in the
 * preparation cache (prepare-cache.ts; its key binds the code and the opencc-js build, the map's only inputs):
 * converting 27,000 characters and loading the converters' dictionaries cost about a second of every
 * `model train`, `model cv` and retrain.
 */
export function foldMap(): Map<string, string> {
  return throughCache(cacheKey('fold'), foldMapFromBytes, convertedFoldMap, (map) => Buffer.from(JSON.stringify([...map])));
}
