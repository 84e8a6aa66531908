/**
 * Every documented `complaint-desk` command as a user runs it: `npx complaint-desk …` in a copy of the repository
 * (npx links the package's own bin, running `prepare` = the build on first use), through bin/complaint-desk.js,
 * with exit codes. npm's cache is a temp dir and npm runs --offline: nothing leaves the machine.
 * What npx itself does (the build on first use, linking the bin, passing arguments, stdin, stdout, stderr and exit
 * codes 0, 1 and 2 through) is checked through npx; the other commands run the executable npx linked
 * (`<npm cache>/_npx/…/node_modules/.bin/complaint-desk`) directly, without npm's own start-up (2-4 s of CPU a call).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createEvidenceLog } from '../../connector/src/evidence/create-evidence-log';
import { evidenceMigrations } from '../../connector/src/store/migrations/evidence';
import { isolatedCopy } from '../support/isolated-copy';

let base: string;
let repo: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-cli-bin-'));
  repo = isolatedCopy(base);
  env = {
    PATH: process.env.PATH,
    HOME: base,
    npm_config_cache: path.join(base, 'npm-cache'),
    npm_config_update_notifier: 'false',
    NO_UPDATE_NOTIFIER: '1',
    npm_config_offline: 'true',
  };
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const npx = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  spawnSync('npx', ['complaint-desk', ...args], {
    cwd: repo,
    input: input ?? '',
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...env, ...extraEnv },
  });

/** The `complaint-desk` executable npx linked in its cache (npx links it on its first call), with npx's environment. */
function linkedBin(): string {
  const find = () => {
    const npxDir = path.join(env.npm_config_cache!, '_npx');
    if (!fs.existsSync(npxDir)) return null;
    const links = fs
      .readdirSync(npxDir)
      .map((d) => path.join(npxDir, d, 'node_modules/.bin/complaint-desk'))
      .filter((f) => fs.existsSync(f));
    return links.length === 1 ? links[0] : null;
  };
  let link = find();
  if (!link) {
    expect(npx(['--help']).status).toBe(0);
    link = find();
  }
  expect(link && fs.realpathSync(link)).toBe(fs.realpathSync(path.join(repo, 'bin/complaint-desk.js')));
  return link!;
}

const run = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  spawnSync(linkedBin(), args, { cwd: repo, input: input ?? '', encoding: 'utf8', timeout: 90_000, env: { ...env, ...extraEnv } });

test('--help prints the usage and exits 0; no arguments and an unknown command exit 2', () => {
  const help = npx(['--help']);
  expect(help.stderr).toBe('');
  expect(help.status).toBe(0);
  for (const c of [
    'policy check',
    'policy schema',
    'classify',
    'simulate',
    'evidence export',
    'evidence verify',
    'setup zendesk',
    'setup freshdesk',
  ])
    expect(help.stdout).toContain(`complaint-desk ${c}`);
  const none = npx([]);
  expect(none.status).toBe(2);
  expect(none.stderr).toContain('Usage:');
  const setup = npx(['setup', 'zendesk']);
  expect(setup.status).toBe(2);
  expect(setup.stderr).toContain('--url is required');
  const unknown = npx(['nope']);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown command "nope"');
}, 120_000);

test('policy check: the default policy passes (0), a broken one fails (1) with its path and fix', () => {
  const good = run(['policy', 'check', 'policies/default.json']);
  expect(good.status).toBe(0);
  expect(good.stdout).toMatch(/^policies\/default\.json: OK: policy /);
  expect(good.stderr).not.toContain('warning');
  const bad = run(['policy', 'check', 'test/fixtures/policies/unknown-template-variable.json']);
  expect(bad.status).toBe(1);
  expect(bad.stdout).toContain('scripts.acknowledge.template.en: unknown variable {{customer_nme}} (fix: did you mean {{customer_name}}?');
  const missing = run(['policy', 'check', 'no-such.json']);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('no-such.json');
}, 120_000);

test("policy check warns (exit 0) when a script's wording does not fit the cases it reaches", () => {
  const raw = JSON.parse(fs.readFileSync(path.join(repo, 'policies/default.json'), 'utf8'));
  raw.scripts.empathise.variants = raw.scripts.empathise.variants.filter(
    (v: { when: { categories?: string[] } }) => !v.when.categories?.includes('billing'),
  );
  fs.writeFileSync(path.join(repo, 'policies/unfitting.json'), JSON.stringify(raw));
  const r = run(['policy', 'check', 'policies/unfitting.json']);
  expect(r.status).toBe(0);
  expect(r.stderr).toContain(
    'policies/unfitting.json: warning: scripts.empathise.template: "billing" tickets get this general wording, which speaks of the product ({{product}}), while scripts.acknowledge words "billing" without it',
  );
}, 120_000);

test("policy check warns (exit 0) about a phrase that is another script's form of one above it", () => {
  const raw = JSON.parse(fs.readFileSync(path.join(repo, 'policies/default.json'), 'utf8'));
  const at = raw.classification.rules.findIndex((r: { id: string }) => r.id === 'safety_smoke_zh');
  const phrases: string[] = raw.classification.rules[at].phrases;
  const i = phrases.indexOf('冒烟');
  phrases.splice(i + 1, 0, '冒煙');
  fs.writeFileSync(path.join(repo, 'policies/both-scripts.json'), JSON.stringify(raw));
  const r = run(['policy', 'check', 'policies/both-scripts.json']);
  expect(r.status).toBe(0);
  expect(r.stderr.trim().split('\n')).toEqual([
    `policies/both-scripts.json: warning: classification.rules[${at}].phrases[${i + 1}]: "冒煙" is another script's form of "冒烟" above it: the server adds every entry's simplified, Taiwan and Hong Kong forms (fix: remove it; the widened lexicon stays the same, and the policy counts one phrase fewer)`,
  ]);
}, 120_000);

test('policy schema prints the JSON Schema the repository checks in', () => {
  const r = run(['policy', 'schema']);
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(repo, 'policies/policy.schema.json'), 'utf8')));
}, 120_000);

test('classify reads JSONL on stdin; a bad line is reported and exits 1', () => {
  const ok = npx(
    ['classify'],
    '{"id":"p1","subject":"Burning smell from the heater","description":"It smells of burning when switched on."}\n',
  );
  expect(ok.status).toBe(0);
  const out = JSON.parse(ok.stdout);
  expect(out.id).toBe('p1');
  expect(out.signals).toContain('safety');
  const bad = npx(['classify'], '{"id":"p1","subject":"x"}\n{bad\n');
  expect(bad.status).toBe(1);
  expect(bad.stderr).toBe('line 2: invalid JSON at column 2\n');
}, 120_000);

test('simulate runs a policy over a tickets file and prints a summary', () => {
  const tickets = path.join(base, 't.jsonl');
  fs.writeFileSync(
    tickets,
    '{"id":"s1","subject":"Refund not received","description":"I was charged twice and want my refund.","createdAt":"2026-11-20T08:00:00Z"}\n',
  );
  const r = run(['simulate', '--policy', 'policies/default.json', '--tickets', tickets, '--now', '2026-11-21T08:00:00Z', '--json']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  expect(lines[lines.length - 1].summary).toMatchObject({ tickets: 1 });
  const usage = run(['simulate']);
  expect(usage.status).toBe(2);
}, 120_000);

test('evidence export writes a bundle from the database; verify accepts it (0) and rejects an edit (1)', () => {
  const file = path.join(base, 'evidence.db');
  const db = new Database(file);
  for (const m of evidenceMigrations) db.exec(m.sql);
  const log = createEvidenceLog(db);
  log.append('zendesk', '101', {
    type: 'comment',
    at: '2026-11-20T08:00:00.000Z',
    by: 'customer:42',
    data: { id: 'c1', author: 'customer', public: true },
  });
  log.append('zendesk', '101', {
    type: 'attachment',
    at: '2026-11-20T08:00:01.000Z',
    by: 'customer:42',
    data: { name: 'photo.jpg', size: 2048 },
  });
  db.close();
  const bundle = path.join(base, 'bundle.json');
  const exp = run(['evidence', 'export', '101', '--host', 'zendesk', '--out', bundle], '', { DATABASE_URL: `sqlite:${file}` });
  expect(exp.stderr).toMatch(/wrote 2 entries of zendesk\/101/);
  expect(exp.status).toBe(0);
  const ok = run(['evidence', 'verify', bundle]);
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain('OK: ticket zendesk/101, 2 entries');
  fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace('"photo.jpg"', '"photo.png"'));
  const broken = run(['evidence', 'verify', bundle]);
  expect(broken.status).toBe(1);
  expect(broken.stdout).toContain('BROKEN at entry 2');
}, 120_000);
