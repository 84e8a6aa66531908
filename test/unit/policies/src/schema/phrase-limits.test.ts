/**
 * The policy's phrase limits (policies/src/schema/phrase-limits.ts): every phrase of every rule and
 * cue set goes into ONE matcher, so what costs is the policy's total (`MAX_POLICY_PHRASES`), not how the
 * phrases are split between rules (`npm run bench -- phrase-limit`). A rule may hold up to
 * `MAX_RULE_PHRASES`; past either limit `policy check` says what, where and how to fix, through the bin.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import defaultJson from '../../../../../policies/default.json';
import { MAX_CUE_SETS, MAX_POLICY_PHRASES, MAX_RULE_PHRASES } from '../../../../../policies/src/schema/phrase-limits';
import { validatePolicy, type PolicyProblem } from '../../../../../policies/src/validate-policy';

const root = path.resolve(__dirname, '../../../../..');
const bin = path.join(root, 'bin/complaint-desk.js');
let dir: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist/node/cli.js'))) throw new Error('dist/ is not built: run `npm run build` before these tests');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-phrase-limits-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const variant = (edit: (p: any) => void) => {
  const p = structuredClone(defaultJson) as any;
  delete p.classification.model; // the model file is relative to policies/, not to the temp dir
  edit(p);
  return p;
};
const problemsOf = (p: unknown): PolicyProblem[] => {
  const r = validatePolicy(p);
  return r.ok ? [] : r.problems;
};
const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i.toString(36)} zz`);
const totalPhrases = (p: any) =>
  p.classification.rules.reduce((s: number, r: any) => s + (r.phrases?.length ?? 0) + (r.unless?.length ?? 0), 0) +
  p.classification.cues.reduce(
    (s: number, c: any) =>
      s +
      c.phrases.length +
      (c.unless?.length ?? 0) +
      (c.unlessInTicket?.length ?? 0) +
      (c.until?.length ?? 0) +
      (c.keepWith?.length ?? 0) +
      (c.footers?.length ?? 0),
    0,
  );

describe('phrase limits', () => {
  test('the limits are the measured ones, and the default policy is well inside the policy-wide one', () => {
    expect(MAX_RULE_PHRASES).toBe(2000);
    expect(MAX_POLICY_PHRASES).toBe(10000);
    // 80 % until round 21, whose evidence lists (`unlessInTicket`, about 170 phrases) took the total past 8,000.
    expect(totalPhrases(defaultJson)).toBeLessThan(MAX_POLICY_PHRASES * 0.85);
  });

  test('one signal draws on one phrase list: repeat_contact is a single phrase rule again', () => {
    const ids = (defaultJson as any).classification.rules.map((r: any) => r.id);
    expect(ids).toContain('repeat_contact');
    expect(ids).not.toContain('repeat_contact_earlier');
  });

  test('a rule of 1,500 phrases is valid (the old limit of 500 split one signal over two rules)', () => {
    const p = variant((x) => x.classification.rules.push({ id: 'big_list', phrases: words(1500, 'a'), sets: { signals: ['media'] } }));
    expect(problemsOf(p)).toEqual([]);
  });

  test('a rule over the per-rule limit: its path, its count, and how to fix it', () => {
    const p = variant((x) => x.classification.rules.push({ id: 'big_list', phrases: words(2001, 'a'), sets: { signals: ['media'] } }));
    const i = p.classification.rules.length - 1;
    expect(problemsOf(p)).toEqual([
      {
        path: `classification.rules[${i}].phrases`,
        message: '2001 phrases; a rule holds at most 2000',
        hint: expect.stringContaining('a second rule with the same "sets"'),
      },
    ]);
  });

  test('the until, keepWith and footers phrases of closing cue sets count toward the policy-wide total', () => {
    // Each is a regex of its own, searched once per signature (footers once per field): a cost like any other phrase's.
    const room = MAX_POLICY_PHRASES - totalPhrases(defaultJson);
    const sets = Math.ceil((room + 1) / 600);
    const p = variant((x) => {
      for (let k = 0; k < sets; k++)
        x.classification.cues.push({
          id: `sig_${k}`,
          kind: 'harmless',
          position: 'closing',
          phrases: [`regards ${k}`],
          until: words(200, `u${k}x`),
          keepWith: words(200, `k${k}x`),
          footers: words(200, `f${k}x`),
          signals: ['legal'],
        });
    });
    const total = totalPhrases(p);
    expect(total - 3 * 200 * sets).toBeLessThanOrEqual(MAX_POLICY_PHRASES); // without them, inside the limit
    const list = problemsOf(p);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      path: 'classification',
      message: `${total} phrases in classification rules and cue sets; a policy holds at most 10000`,
    });
  });

  test('a policy over the policy-wide limit: the total, where the phrases are, and how to fix it', () => {
    const p = variant((x) => {
      for (let k = 0; k < 4; k++)
        x.classification.rules.push({ id: `bulk_${k}`, phrases: words(1500, `b${k}x`), sets: { signals: ['media'] } });
    });
    const total = totalPhrases(p);
    expect(total).toBeGreaterThan(MAX_POLICY_PHRASES);
    const list = problemsOf(p);
    expect(list).toHaveLength(1);
    expect(list[0].path).toBe('classification');
    expect(list[0].message).toBe(`${total} phrases in classification rules and cue sets; a policy holds at most 10000`);
    expect(list[0].hint).toMatch(/largest: rules\[\d+\] "bulk_\d" \(1500\)/);
    expect(list[0].hint).toContain('npm run bench -- phrase-limit');
  });

  test('`complaint-desk policy check` (built bin) prints the problem and exits 1', () => {
    const file = path.join(dir, 'over.json');
    const p = variant((x) => x.classification.rules.push({ id: 'big_list', phrases: words(2001, 'c'), sets: { signals: ['media'] } }));
    fs.writeFileSync(file, JSON.stringify(p));
    const r = spawnSync(process.execPath, [bin, 'policy', 'check', 'over.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toContain(
      `over.json: classification.rules[${p.classification.rules.length - 1}].phrases: 2001 phrases; a rule holds at most 2000 (fix: drop phrases`,
    );
  });
});

describe('cue sets: their number costs little (bench phrase-limit), their phrases count in the policy total', () => {
  it('a policy may hold more than 50 cue sets, up to MAX_CUE_SETS', () => {
    const more = (n: number) =>
      variant((p) => {
        const extra = Array.from({ length: n - p.classification.cues.length }, (_, i) => ({
          ...p.classification.cues[0],
          id: `extra_cue_${i}`,
          phrases: [`extra cue ${i.toString(36)}`],
        }));
        p.classification.cues.push(...extra);
      });
    expect(problemsOf(more(MAX_CUE_SETS))).toEqual([]);
    expect(problemsOf(more(MAX_CUE_SETS + 1)).map((q) => q.path)).toEqual(['classification.cues']);
  });

  // Round 29 filled the default policy's cue sets up to the old limit of 100: an admin could not add a set of
  // their own without dropping one of ours.
  it('the default policy leaves an admin room for at least 50 cue sets of their own', () => {
    expect(defaultJson.classification.cues.length + 50).toBeLessThanOrEqual(MAX_CUE_SETS);
    const own = variant((p) => {
      for (let i = 0; i < 50; i++)
        p.classification.cues.push({ ...p.classification.cues[0], id: `admin_cue_${i}`, phrases: [`admin cue ${i.toString(36)}`] });
    });
    expect(problemsOf(own)).toEqual([]);
  });
});
