/**
 * The ASCII pattern index (ascii-pattern-index.ts) packed into typed arrays for the scan of ASCII
 * text: node ids instead of node objects, each node's children as a short list (packed-edges.ts), and
 * the patterns listed at each node as a range of one flat array. The walk, the patterns tried, their order and the hits
 * are those of `scanAsciiPatterns` (same keys, same runs of white space or digits read as one key
 * character); only the memory it chases is smaller and flat. Server side (pattern-indexes.ts).
 */
import type { PatternHit } from './compile-rules';
import { testAt, type IndexedPattern } from './han-pattern-index';
import type { AsciiPatternIndex } from './ascii-pattern-index';
import { childOf, packEdges, type PackedEdges } from './packed-edges';
import { keyOf } from './pattern-prefixes';

interface Slot extends IndexedPattern {
  /** The scan step that last tried this pattern (one pattern may be listed under several keys). */
  mark: number;
}

type TrieNode = AsciiPatternIndex['any'][number];

/** Node n's children in `edges` (packed-edges.ts; the object trie's rows hold 128 slots each). */
export interface PackedAsciiIndex extends PackedEdges {
  /** The patterns listed at node n: here[hereFrom[n] .. hereFrom[n + 1]). */
  hereFrom: Int32Array;
  here: Slot[];
  /** First-level nodes by key character: alternatives that start anywhere, and at a word start. */
  any: Int32Array;
  word: Int32Array;
  start: Slot[];
}

/** ASCII word characters (`\b` on ASCII text: digits, letters, `_`), and each character's key. */
const WORD = new Uint8Array(128);
const KEY = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  WORD[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;
  KEY[c] = keyOf(c);
}

/** Packs an index (indexAsciiPatterns without `anyText`); each pattern keeps one Slot, as one Entry before. */
export function packAsciiIndex(index: AsciiPatternIndex): PackedAsciiIndex {
  const nodes: NonNullable<TrieNode>[] = [];
  const ids = new Map<NonNullable<TrieNode>, number>();
  const number = (n: NonNullable<TrieNode>): void => {
    if (ids.has(n)) return;
    ids.set(n, nodes.length + 1);
    nodes.push(n);
    if (n.next) for (const c of n.next) if (c) number(c);
  };
  for (const n of index.any) if (n) number(n);
  for (const n of index.word) if (n) number(n);
  const slots = new Map<IndexedPattern, Slot>();
  const slotOf = (e: IndexedPattern): Slot => {
    let s = slots.get(e);
    if (!s) slots.set(e, (s = { rule: e.rule, sticky: e.sticky, mark: 0 }));
    return s;
  };
  const hereFrom = new Int32Array(nodes.length + 2);
  const here: Slot[] = [];
  for (let id = 1; id <= nodes.length; id++) {
    hereFrom[id] = here.length;
    for (const e of nodes[id - 1].here ?? []) here.push(slotOf(e));
  }
  hereFrom[nodes.length + 1] = here.length;
  const { edges, edgeFrom } = packEdges(nodes.length + 1, function* (id) {
    const next = id > 0 ? nodes[id - 1].next : null;
    if (next) for (let k = 0; k < 128; k++) if (next[k]) yield [k, ids.get(next[k]!)!] as const;
  });
  const roots = (level: AsciiPatternIndex['any']) => Int32Array.from(level, (n) => (n ? ids.get(n)! : 0));
  return { edges, edgeFrom, hereFrom, here, any: roots(index.any), word: roots(index.word), start: index.start.map(slotOf) };
}

let step = 0;

/** Every non-empty match of an indexed pattern in `text` (all ASCII), in start order: scanAsciiPatterns' hits. */
export function scanPackedAsciiPatterns(index: PackedAsciiIndex, text: string, out: PatternHit[]): void {
  let prevWord = 0;
  const n = text.length;
  if (n === 0) return;
  const mark0 = ++step;
  for (const e of index.start) tryAt(e, mark0, text, 0, out);
  const first = KEY[text.charCodeAt(0)];
  if (index.any[first] !== 0) walk(index, index.any[first], mark0, text, 0, out);
  prevWord = WORD[text.charCodeAt(0)];
  if (prevWord && index.word[first] !== 0) walk(index, index.word[first], mark0, text, 0, out);
  for (let i = 1; i < n; i++) {
    const c = text.charCodeAt(i);
    const w = WORD[c];
    const k = KEY[c];
    const any = index.any[k];
    const word = w && !prevWord ? index.word[k] : 0;
    prevWord = w;
    if (any === 0 && word === 0) continue;
    const mark = ++step;
    if (any !== 0) walk(index, any, mark, text, i, out);
    if (word !== 0) walk(index, word, mark, text, i, out);
  }
}

function walk(index: PackedAsciiIndex, node: number, mark: number, text: string, i: number, out: PatternHit[]): void {
  const edges = index.edges;
  const edgeFrom = index.edgeFrom;
  const hereFrom = index.hereFrom;
  const n = text.length;
  for (let j = i + 1; node !== 0; j++) {
    for (let q = hereFrom[node], end = hereFrom[node + 1]; q < end; q++) tryAt(index.here[q], mark, text, i, out);
    // A run of whitespace or of digits is one key character (pattern-prefixes.ts).
    const run = KEY[text.charCodeAt(j - 1)];
    if (run === 32 || run === 48) while (j < n && KEY[text.charCodeAt(j)] === run) j++;
    if (j >= n) return;
    node = childOf(edges, edgeFrom, node, KEY[text.charCodeAt(j)]);
  }
}

function tryAt(e: Slot, mark: number, text: string, i: number, out: PatternHit[]): void {
  if (e.mark === mark) return;
  e.mark = mark;
  testAt(e, text, i, out);
}
