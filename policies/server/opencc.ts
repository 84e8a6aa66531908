/**
 * Traditional ↔ simplified Chinese through opencc-js (a maintained converter). Node-side only:
 * the sidebar never bundles it (its dictionaries are ~1 MB); the server expands the policy's
 * phrases into both scripts instead, and the model artifact carries the few characters it needs.
 */
// opencc-js ships a CommonJS (UMD) build for require(); its types describe the same API.
import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;

let converters: { toSimplified: Convert[]; toTraditional: Convert[] } | null = null;

function get(): NonNullable<typeof converters> {
  converters ??= {
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

/** Traditional → simplified for every CJK unified ideograph that changes (one character to one). */
export function foldMap(): Map<string, string> {
  const c = get();
  const map = new Map<string, string>();
  for (let cp = 0x3400; cp <= 0x9fff; cp++) {
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
