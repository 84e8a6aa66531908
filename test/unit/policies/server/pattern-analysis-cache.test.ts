/**
 * The analyses the server's pattern indexes are built from (pattern-analysis-cache.ts) are kept per policy and code
 * version: a process that compiles the policy an earlier one compiled reads them instead of analysing every pattern
 * again (about 0.5 s of the default policy's compile), and classifies exactly as without them. An entry is really
 * read (planted content changes the answers); a corrupt entry, an unwritable folder or COMPLAINT_DESK_CACHE_DIR=off
 * mean analysing again; a changed pattern or replacement has another key, so it can never read the analyses of the old one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Policy, Ticket } from '../../../../policies/src/types';

const ROOT = path.resolve(__dirname, '../../../..');
const policyText = fs.readFileSync(path.join(ROOT, 'policies/default.json'), 'utf8');
// Training tickets (en, zh-CN, zh-TW) and a few that only patterns find.
const tickets: Ticket[] = [
  ...fs
    .readFileSync(path.join(ROOT, 'policies/training/train.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Ticket)
    .filter((_, i) => i % 211 === 0)
    .slice(0, 60),
  { id: 'p1', subject: '第三次联系你们', description: '这是我第三次报这个问题了，插头烧焦了' },
  { id: 'p2', subject: 'Third time asking', description: 'I have contacted you 3 times about the charger that got hot.' },
];

let dir: string;
const saved = process.env.COMPLAINT_DESK_CACHE_DIR;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-pattern-analyses-'));
});
afterAll(() => {
  if (saved === undefined) delete process.env.COMPLAINT_DESK_CACHE_DIR;
  else process.env.COMPLAINT_DESK_CACHE_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new process, as far as the modules go: the policy prepared rules-only, compiled and the tickets classified. */
function run(cacheDir: string, text = policyText): unknown[] {
  process.env.COMPLAINT_DESK_CACHE_DIR = cacheDir;
  let out: unknown[] = [];
  jest.isolateModules(() => {
    const { preparePolicy } = jest.requireActual('../../../../policies/server/load-model');
    const { parsePolicy } = jest.requireActual('../../../../policies/src/validate-policy');
    const { classify } = jest.requireActual('../../../../policies/src/engine/classify');
    const policy = parsePolicy(text).policy as Policy;
    expect(preparePolicy(policy, path.join(ROOT, 'policies'), { model: false })).toEqual([]);
    out = tickets.map((t) => {
      const c = classify(t, policy);
      return [c.category, c.severity, c.signals, c.matches];
    });
  });
  return out;
}

const entries = () => fs.readdirSync(dir).filter((f) => f.startsWith('patterns-'));

let cold: unknown[];

it('a second process reads the analyses and classifies exactly as the first, which wrote them', () => {
  cold = run(dir);
  expect(entries()).toHaveLength(1);
  const written = fs.readFileSync(path.join(dir, entries()[0]));
  expect(run(dir)).toEqual(cold);
  expect(entries()).toHaveLength(1);
  expect(fs.readFileSync(path.join(dir, entries()[0])).equals(written)).toBe(true);
});

it('holds what the analyses give, for every pattern source of the policy', () => {
  const { readCached } = jest.requireActual('../../../../policies/server/prepare-cache');
  const { tablesFromBytes } = jest.requireActual('../../../../policies/server/pattern-analysis-cache');
  const { hanFirstChars, anchoredAtStart } = jest.requireActual('../../../../policies/src/engine/pattern-first-chars');
  const { asciiPrefixes } = jest.requireActual('../../../../policies/src/engine/pattern-prefixes');
  const { hanFactors } = jest.requireActual('../../../../policies/src/engine/pattern-factors');
  const { plainSource } = jest.requireActual('../../../../policies/src/engine/pattern-unicode');
  const t = tablesFromBytes(readCached(entries()[0], { COMPLAINT_DESK_CACHE_DIR: dir }));
  expect(t.plain.size).toBeGreaterThan(100);
  // The normal forms are what the other analyses were made of.
  expect(new Set(t.normalized.values())).toEqual(new Set(t.plain.keys()));
  for (const [s, v] of t.plain) expect(v).toEqual(plainSource(s));
  for (const [s, v] of t.han) expect(v).toEqual(hanFirstChars(s));
  for (const [s, v] of t.start) expect(v).toBe(anchoredAtStart(s));
  for (const [s, v] of t.ascii) expect(v).toEqual(asciiPrefixes(s));
  for (const [s, v] of t.any) expect(v).toEqual(asciiPrefixes(s, undefined, true));
  expect([...t.factors.values()].filter((v) => v).length).toBeGreaterThan(100);
  for (const [s, v] of t.factors) expect(v).toEqual(hanFactors(s));
});

it('really reads an entry: planted analyses change the answers; a corrupt entry is analysed again', () => {
  const { readCached, writeCached } = jest.requireActual('../../../../policies/server/prepare-cache');
  const { tablesFromBytes, tablesToBytes } = jest.requireActual('../../../../policies/server/pattern-analysis-cache');
  const env = { COMPLAINT_DESK_CACHE_DIR: dir };
  const key = entries()[0];
  const file = path.join(dir, key);
  const good = fs.readFileSync(file);
  const t = tablesFromBytes(readCached(key, env));
  // Every Han-led pattern said to begin with 丂 only: none is tried where its matches begin.
  for (const [s, v] of t.han) if (v) t.han.set(s, [[0x4e02, 0x4e02]]);
  writeCached(key, tablesToBytes(t), env);
  expect(run(dir)).not.toEqual(cold);
  const planted = fs.readFileSync(file);
  planted[planted.length >> 1] ^= 1; // the payload no longer matches its SHA-256
  fs.writeFileSync(file, planted);
  expect(run(dir)).toEqual(cold);
  expect(fs.readFileSync(file).equals(good)).toBe(true); // written again, as analysed
  // Valid JSON of another shape is not ours either.
  for (const other of [{ plain: [['x', 1]] }, { ...JSON.parse(good.subarray(32).toString()), han: [['x', [[1]]]] }, [], null])
    expect(tablesFromBytes(Buffer.from(JSON.stringify(other)))).toBeNull();
  expect(tablesFromBytes(good.subarray(32))?.plain.size).toBe(t.plain.size);
});

it('an unwritable cache folder only means analysing', () => {
  const notADir = path.join(dir, 'a-file');
  fs.writeFileSync(notADir, 'x');
  expect(run(path.join(notADir, 'cache'))).toEqual(cold);
});

it('a changed pattern has another entry: the old analyses are never read for it', () => {
  const policy = JSON.parse(policyText) as { classification: { rules: { id: string; patterns?: string[] }[] } };
  const rule = policy.classification.rules.find((r) => r.patterns?.some((p) => /[\u4e00-\u9fff]/.test(p[0])))!;
  // The same pattern, also found a character later: its first characters are others.
  rule.patterns = rule.patterns!.map((p) => (/[\u4e00-\u9fff]/.test(p[0]) ? `(?:阿|)${p}` : p));
  const text = JSON.stringify(policy);
  const before = entries();
  const edited = run(dir, text);
  expect(entries()).toHaveLength(before.length + 1);
  expect(edited).toEqual(run('off', text));
});

it('keys an entry by the code version and the exact pattern sources', () => {
  const { cacheKey } = jest.requireActual('../../../../policies/server/prepare-cache');
  const { beginAnalyses, endAnalyses, analyses } = jest.requireActual('../../../../policies/server/pattern-analysis-cache');
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-pattern-key-'));
  process.env.COMPLAINT_DESK_CACHE_DIR = own;
  try {
    const runtime = JSON.stringify([process.version, process.versions.unicode, process.versions.icu]);
    const keyOf = (replace: [string, string][], sources: string[]) =>
      cacheKey('patterns', runtime, JSON.stringify(replace), JSON.stringify(sources));
    beginAnalyses(['漏電', 'smok(?:e|ing)'], [['電', '电']]);
    expect(analyses.normalized('漏電', (t: string) => t.replace('電', '电'))).toBe('漏电');
    expect(analyses.hanFirstChars('漏电')).toEqual([[0x6f0f, 0x6f0f]]);
    endAnalyses();
    const [name] = fs.readdirSync(own);
    expect(name).toBe(keyOf([['電', '电']], ['漏電', 'smok(?:e|ing)']));
    expect(keyOf([], ['漏電', 'smok(?:e|ing)'])).not.toBe(name);
    expect(keyOf([['電', '电']], ['漏電'])).not.toBe(name);
  } finally {
    fs.rmSync(own, { recursive: true, force: true });
  }
});
