/**
 * The normal forms of a policy's rule patterns (pattern-normalize.ts) and the analyses that the server's pattern
 * indexes are built from (pattern-indexes.ts): which form compiles without `u` (pattern-unicode.ts), the Han first characters and the start anchor
 * (pattern-first-chars.ts), the strings every match contains (pattern-factors.ts), and the keys a match can begin with in ASCII and in any text (pattern-prefixes.ts). They
 * are pure functions of a pattern's source (and the policy's replacements) and cost most of compiling the default
 * policy (about 0.75 s), so a compile keeps them per policy: in memory, and in the preparation cache
 * (prepare-cache.ts) under a key made of the code version, the runtime's Unicode tables (NFKC, case folding and
 * `\p{…}` follow them), the replacements and the exact list of the policy's pattern sources. An entry holds (source,
 * result) pairs and answers only for the sources it names; a changed pattern, policy, code or runtime has another
 * key, and a corrupt or unreadable entry, or one of another shape, means analysing again. Node-side only.
 */
import { anchoredAtStart, hanFirstChars, type FirstChars } from '../src/engine/pattern-first-chars';
import { asciiPrefixes, type Prefixes } from '../src/engine/pattern-prefixes';
import { hanFactors } from '../src/engine/pattern-factors';
import { normalizePattern } from '../src/engine/pattern-normalize';
import { plainSource } from '../src/engine/pattern-unicode';
import { cacheKey, readCached, writeCached } from './prepare-cache';

/** One table per analysis, by the source it was made of. */
export interface AnalysisTables {
  normalized: Map<string, string>;
  plain: Map<string, string | null>;
  han: Map<string, FirstChars | null>;
  start: Map<string, boolean>;
  ascii: Map<string, Prefixes[] | null>;
  any: Map<string, Prefixes[] | null>;
  factors: Map<string, string[] | null>;
}

const NAMES = ['normalized', 'plain', 'han', 'start', 'ascii', 'any', 'factors'] as const;
const empty = (): AnalysisTables => ({
  normalized: new Map(),
  plain: new Map(),
  han: new Map(),
  start: new Map(),
  ascii: new Map(),
  any: new Map(),
  factors: new Map(),
});

/** Tables of the policies compiled last in this process, by cache key (a served policy is compiled with and without its model). */
const recent = new Map<string, AnalysisTables>();
const KEEP_RECENT = 4;

let tables: AnalysisTables = empty();
let key: string | null = null;
let missed = false;

/** What the results depend on besides the code: the runtime's Unicode and ICU versions. */
const RUNTIME = JSON.stringify([process.version, process.versions.unicode, process.versions.icu]);

/** Starts a compile of the policy whose patterns (as written, in policy order) are `sources`: its tables are loaded. */
export function beginAnalyses(sources: readonly string[], replace: readonly (readonly [string, string])[] = []): void {
  key = cacheKey('patterns', RUNTIME, JSON.stringify(replace), JSON.stringify(sources));
  missed = false;
  const kept = key === null ? undefined : recent.get(key);
  tables = kept ?? (key === null ? null : tablesFromBytes(readCached(key))) ?? empty();
}

/** Ends the compile: tables that gained an analysis are written to the cache. */
export function endAnalyses(): void {
  if (key !== null) {
    recent.delete(key);
    recent.set(key, tables);
    for (const old of recent.keys()) if (recent.size > KEEP_RECENT) recent.delete(old);
    if (missed) writeCached(key, tablesToBytes(tables));
  }
  key = null;
  missed = false;
  tables = empty();
}

function memo<T>(table: Map<string, T>, source: string, analyse: (source: string) => T): T {
  if (table.has(source)) return table.get(source) as T;
  const result = analyse(source);
  table.set(source, result);
  missed = true;
  return result;
}

/** The analyses, answered from the current compile's tables when they hold the source. */
export const analyses = {
  /** `norm` is the policy's text normaliser: the replacements beginAnalyses was given (they are in the key). */
  normalized: (source: string, norm: (text: string) => string) => memo(tables.normalized, source, (s) => normalizePattern(s, norm)),
  plain: (source: string) => memo(tables.plain, source, plainSource),
  hanFirstChars: (source: string) => memo(tables.han, source, hanFirstChars),
  anchoredAtStart: (source: string) => memo(tables.start, source, anchoredAtStart),
  hanFactors: (source: string) => memo(tables.factors, source, hanFactors),
  prefixes: (source: string, anyText: boolean) =>
    anyText ? memo(tables.any, source, (s) => asciiPrefixes(s, undefined, true)) : memo(tables.ascii, source, (s) => asciiPrefixes(s)),
};

export function tablesToBytes(t: AnalysisTables): Buffer {
  return Buffer.from(JSON.stringify(Object.fromEntries(NAMES.map((n) => [n, [...t[n]]]))));
}

const isRanges = (v: unknown): boolean =>
  Array.isArray(v) && v.every((r) => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]));
const isPrefixes = (v: unknown): boolean =>
  Array.isArray(v) &&
  v.every(
    (p: { keys?: unknown; at?: unknown }) =>
      typeof p === 'object' &&
      p !== null &&
      Array.isArray(p.keys) &&
      p.keys.every((k) => typeof k === 'string') &&
      (p.at === 'any' || p.at === 'word' || p.at === 'start'),
  );
/** What each table's results may be. */
const VALID: Record<(typeof NAMES)[number], (v: unknown) => boolean> = {
  normalized: (v) => typeof v === 'string',
  plain: (v) => v === null || typeof v === 'string',
  han: (v) => v === null || isRanges(v),
  start: (v) => typeof v === 'boolean',
  ascii: (v) => v === null || isPrefixes(v),
  any: (v) => v === null || isPrefixes(v),
  factors: (v) => v === null || (Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'string' && t.length > 0)),
};

/** The tables stored by tablesToBytes, or null when the bytes are missing or hold anything else. */
export function tablesFromBytes(b: Buffer | null): AnalysisTables | null {
  if (!b) return null;
  try {
    const raw = JSON.parse(b.toString('utf8')) as Record<string, unknown>;
    const out = empty();
    for (const n of NAMES) {
      const pairs = raw[n];
      if (!Array.isArray(pairs)) return null;
      for (const pair of pairs) {
        if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || !VALID[n](pair[1])) return null;
        (out[n] as Map<string, unknown>).set(pair[0], pair[1]);
      }
    }
    return out;
  } catch {
    return null;
  }
}
