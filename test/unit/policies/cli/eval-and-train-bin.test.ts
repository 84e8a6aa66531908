/**
 * `complaint-desk eval` and `complaint-desk model train` run the way a user runs them: through
 * bin/complaint-desk.js and the built dist/ (`npm run build` first), on temporary files.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const bin = path.join(root, 'bin/complaint-desk.js');
let dir: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist/node/cli.js'))) throw new Error('dist/ is not built: run `npm run build` before these tests');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-eval-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
const write = (name: string, rows: unknown[]) => {
  fs.writeFileSync(path.join(dir, name), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return name;
};
const L = (id: string, subject: string, description: string, category: string, severity: string, signals: string[] = []) => ({
  id,
  lang: 'en',
  subject,
  description,
  expected: { category, severity, signals },
});

const labelled = [
  L('a1', 'Outlet sparking', 'The charger sparked in the socket and there is a burning smell.', 'quality', 'L1', ['safety']),
  L('a2', 'Charged twice', 'I was charged twice for order 5512, please refund one payment.', 'billing', 'L2'),
  L('a3', 'Parcel late', 'My parcel has not arrived after 9 days, tracking is stuck.', 'logistics', 'L2'),
  L('a4', 'How to pair', 'How do I pair the remote with the TV?', 'usage', 'L3'),
];

describe('complaint-desk eval FILE.jsonl (built bin)', () => {
  it('prints accuracy, L1 recall, per-signal P/R/F1, the confusion matrix and wrong cases; exit 0 when the gates hold', () => {
    const r = run(['eval', write('ok.jsonl', labelled), '--rules-only']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^tickets 4$/m);
    expect(r.stdout).toMatch(/^L1 recall\s+100\.0 % \(1\/1\)$/m);
    expect(r.stdout).toMatch(/^ {2}safety\s+1\.00\s+1\.00\s+1\.00/m);
    expect(r.stdout).toContain('category confusion (rows expected, columns got)');
  });

  it('a missed L1 fails (exit 1) and is listed; --json gives the report as JSON', () => {
    const file = write('miss.jsonl', [...labelled, L('a5', 'Fridge', 'the fridge makes a small noise', 'quality', 'L1')]);
    const r = run(['eval', file, '--rules-only']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/missed: a5/);
    expect(r.stderr).toMatch(/L1 recall 0\.500 is below 1/);
    const j = run(['eval', file, '--rules-only', '--json', '--min-l1-recall', '0']);
    expect(j.status).toBe(0);
    const report = JSON.parse(j.stdout);
    expect(report.l1).toMatchObject({ total: 2, found: 1, missed: ['a5'] });
    expect(report.wrong.map((w: { id: string }) => w.id)).toContain('a5');
  });

  it('several files: the report covers them all, a table gives each file’s scores, the gates apply to all together', () => {
    const march = write('march.jsonl', labelled.slice(0, 2));
    const april = write('april.jsonl', [...labelled.slice(2), L('b5', 'Fridge', 'the fridge makes a small noise', 'quality', 'L1')]);
    const r = run(['eval', march, april, '--rules-only']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^tickets 5$/m);
    expect(r.stdout).toMatch(/^L1 recall\s+50\.0 % \(1\/2\) missed: b5$/m);
    expect(r.stdout).toMatch(/^per file +n +category +severity/m);
    expect(r.stdout).toMatch(/^ {2}march\.jsonl +2 +1\.000 +1\.000 +\S+ +1\/1 +0 +0$/m);
    expect(r.stdout).toMatch(/^ {2}april\.jsonl +3 +[0-9.]+ +[0-9.]+ +\S+ +0\/1 +0 +0$/m);
    expect(r.stderr).toMatch(/L1 recall 0\.500 is below 1/);
    const j = JSON.parse(run(['eval', march, april, '--rules-only', '--json', '--min-l1-recall', '0']).stdout);
    expect(j.n).toBe(5);
    expect(
      j.files.map((f: { file: string; n: number; l1: { found: number; total: number } }) => [f.file, f.n, f.l1.found, f.l1.total]),
    ).toEqual([
      ['march.jsonl', 2, 1, 1],
      ['april.jsonl', 3, 0, 1],
    ]);
    // One file: no table and no "files" in the JSON, as before.
    expect(run(['eval', march, '--rules-only']).stdout).not.toMatch(/per file/);
    expect(JSON.parse(run(['eval', march, '--rules-only', '--json']).stdout).files).toBeUndefined();
    // A missing file among several is refused before anything is classified.
    const missing = run(['eval', march, 'nope.jsonl', '--rules-only']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/nope\.jsonl/);
  });

  it('bad lines are reported with their line number (exit 1); usage errors and missing files exit 2', () => {
    fs.writeFileSync(
      path.join(dir, 'bad.jsonl'),
      `${JSON.stringify(labelled[0])}\n{"id":"x","expected":{"category":"nope","severity":"L1"}}\n`,
    );
    const r = run(['eval', 'bad.jsonl', '--rules-only']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:2: expected\.category/);
    expect(run(['eval']).status).toBe(2);
    expect(run(['eval', 'missing.jsonl']).status).toBe(2);
    expect(run(['eval', 'ok.jsonl', '--min-severity', '7']).status).toBe(2);
  });
});

describe('complaint-desk model train (built bin)', () => {
  const rows = Array.from({ length: 12 }, (_, i) => labelled[i % labelled.length]).map((r, i) => ({ ...r, id: `t${i}` }));

  it('writes the artifact, keeps the previous one for rollback, and the policy that names it passes policy check', () => {
    write('train.jsonl', rows);
    const policy = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
    policy.classification.model = { file: 'models/m.json' };
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify(policy));
    const first = run(['model', 'train', 'train.jsonl', '--policy', 'policy.json', '--epochs', '5']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/trained on 12 examples .* features, \d+ KB, sha256 [0-9a-f]{64}/);
    const artifact = JSON.parse(fs.readFileSync(path.join(dir, 'models/m.json'), 'utf8'));
    expect(artifact.format).toBe('complaint-desk-linear-v2');
    expect(artifact.weightScale).toBe(100);
    const second = run(['model', 'train', 'train.jsonl', '--policy', 'policy.json', '--epochs', '6']);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('previous model kept as models/m.previous.json');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'models/m.previous.json'), 'utf8')).options.epochs).toBe(5);
    const check = run(['policy', 'check', 'policy.json']);
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('model models/m.json');
    const evalWithModel = run(['eval', 'train.jsonl', '--policy', 'policy.json', '--min-l1-recall', '0']);
    expect(evalWithModel.status).toBe(0);
  });

  it('--threads: the averaged runs on worker threads give the same artifact, byte for byte, as on one thread', () => {
    write('train.jsonl', rows);
    const train = (threads: string, out: string) =>
      run(['model', 'train', 'train.jsonl', '--epochs', '4', '--threads', threads, '--out', out]);
    const one = train('1', 'one.json');
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/ s \(1 thread\): /);
    const three = train('3', 'three.json');
    expect(three.stderr).toBe('');
    expect(three.stdout).toMatch(/ s \(3 threads\): /); // 5 runs (averageRuns) over 3 workers
    const read = (f: string) => ({ ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), trainedAt: '' });
    expect(read('three.json')).toEqual(read('one.json'));
    expect(Object.keys(read('one.json').weights).length).toBeGreaterThan(20);
    expect(train('0', 'zero.json').stderr).toMatch(/--threads must be a whole number from 1 to 64/);
  });

  it('policy check refuses a model that is missing, malformed or does not match its SHA-256', () => {
    const policy = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
    policy.classification.model = { file: 'models/none.json' };
    fs.writeFileSync(path.join(dir, 'p-missing.json'), JSON.stringify(policy));
    const missing = run(['policy', 'check', 'p-missing.json']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/classification\.model\.file: cannot read the model models\/none\.json/);
    fs.writeFileSync(path.join(dir, 'models/bad.json'), '{"format":"other"}');
    policy.classification.model = { file: 'models/bad.json' };
    fs.writeFileSync(path.join(dir, 'p-bad.json'), JSON.stringify(policy));
    expect(run(['policy', 'check', 'p-bad.json']).stdout).toMatch(/not a Complaint Desk model: format must be/);
    policy.classification.model = { file: 'models/m.json', sha256: '0'.repeat(64) };
    fs.writeFileSync(path.join(dir, 'p-sha.json'), JSON.stringify(policy));
    const sha = run(['policy', 'check', 'p-sha.json']);
    expect(sha.status).toBe(1);
    expect(sha.stdout).toMatch(/classification\.model\.sha256: the model file's SHA-256 is [0-9a-f]{64}/);
  });

  it('--with-corrections without a connector database is a clear usage error', () => {
    const r = run(['model', 'train', 'train.jsonl', '--policy', 'policy.json', '--with-corrections', '--db', 'sqlite:./nope.db']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nope\.db does not exist/);
  });
});

describe('complaint-desk model cv (built bin)', () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({ ...labelled[i % labelled.length], id: i < 24 ? `t-en-${i}` : `r9cn-${i}` }));

  it('scores every ticket once, by a model that did not see it, and writes nothing', () => {
    write('cv.jsonl', rows);
    const before = fs.readdirSync(dir).sort();
    const r = run(['model', 'cv', 'cv.jsonl', '--folds', '2', '--epochs', '3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.n).toBe(40);
    expect(report.category).toBeGreaterThanOrEqual(0);
    // The same numbers per family of ids, per source and per --group, adding up to the whole.
    expect(report.groups.families['t-'].n).toBe(24);
    expect(report.groups.families.r9.n).toBe(16);
    expect(report.groups.sources['r9cn'].n).toBe(16);
    expect(report.groups.named).toEqual({});
    const cat = (g: { n: number; category: number }) => g.n * g.category;
    expect(cat(report.groups.families['t-']) + cat(report.groups.families.r9)).toBeCloseTo(40 * report.category, 6);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    const text = run(['model', 'cv', 'cv.jsonl', '--folds', '2', '--epochs', '3', '--group', 'late=^r']);
    expect(text.stdout).toMatch(/^2-fold cross-validation on 40 tickets \(training [\d.]+ \/ [\d.]+ s\)\ntickets 40\ncategory accuracy/);
    expect(text.stdout).toMatch(/^per group +n +category +severity/m);
    expect(text.stdout).toMatch(/^ {2}late +16 /m);
    expect(text.stdout).toMatch(/^ {2}t- +24 /m);
  });

  it("--predictions writes every ticket's out-of-fold classification, the same the report scored", () => {
    write('cv.jsonl', rows);
    const r = run(['model', 'cv', 'cv.jsonl', '--folds', '2', '--epochs', '3', '--json', '--threads', '3', '--predictions', 'oof.jsonl']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    const lines = fs
      .readFileSync(path.join(dir, 'oof.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id).sort()).toEqual(rows.map((t) => t.id).sort());
    for (const l of lines) {
      expect(l.confidence.signals).toBeDefined();
      expect(Array.isArray(l.disagreements)).toBe(true);
    }
    const right = lines.filter((l) => l.category === l.expected.category).length;
    expect(right / lines.length).toBeCloseTo(report.category, 10);
    // the folds' runs on 1 or 3 worker threads: the same out-of-fold classifications
    const one = run(['model', 'cv', 'cv.jsonl', '--folds', '2', '--epochs', '3', '--threads', '1', '--predictions', 'one.jsonl']);
    expect(one.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'one.jsonl'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'oof.jsonl'), 'utf8'));
    expect(run(['model', 'cv', 'cv.jsonl', '--threads', 'x']).stderr).toMatch(/--threads must be a whole number/);
  });

  it('--leave-out REGEX: one model trained on the other ids classifies the matching ones, and only those', () => {
    write('cv.jsonl', rows);
    const r = run(['model', 'cv', 'cv.jsonl', '--leave-out', '^r9', '--epochs', '3', '--json', '--predictions', 'lo.jsonl']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.n).toBe(16);
    expect(report.groups.families.r9.n).toBe(16);
    expect(report.groups.families['t-']).toBeUndefined();
    const ids = fs
      .readFileSync(path.join(dir, 'lo.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids.sort()).toEqual(
      rows
        .filter((t) => t.id.startsWith('r9'))
        .map((t) => t.id)
        .sort(),
    );
    const text = run(['model', 'cv', 'cv.jsonl', '--leave-out', '^r9', '--epochs', '3']);
    expect(text.stdout).toMatch(/^leave-out \^r9: 16 of 40 tickets, by a model trained on the others \(training [\d.]+ s\)\ntickets 16\n/);
    const none = run(['model', 'cv', 'cv.jsonl', '--leave-out', '^zz']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--leave-out matches 0 of 40 ticket\(s\); at least 10 are needed on each side/);
    const bad = run(['model', 'cv', 'cv.jsonl', '--leave-out', '(']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^--leave-out: /);
  });

  it('refuses too few tickets for the folds and bad options', () => {
    write('few.jsonl', rows.slice(0, 12));
    expect(run(['model', 'cv', 'few.jsonl']).stderr).toMatch(/at least 40 are needed for 4 folds/);
    expect(run(['model', 'cv', 'cv.jsonl', '--folds', '1']).status).toBe(2);
    expect(run(['model', 'cv']).status).toBe(2);
    const badGroup = run(['model', 'cv', 'cv.jsonl', '--group', 'x=(']);
    expect(badGroup.status).toBe(2);
    expect(badGroup.stderr).toMatch(/--group x: /);
  });
});
