/** The one end-to-end CLI test: bundle connector/src/cli/main.ts with esbuild and run it as a process. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const root = path.join(__dirname, '../../../../..');
let dir: string;
let cli: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-cli-'));
  cli = path.join(dir, 'cli.js');
  // As scripts/build.mjs does: packages stay external (resolved through NODE_PATH below), the ESM-only packages are bundled.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const bundled = new Set(JSON.parse(fs.readFileSync(path.join(root, 'scripts/esm-only-packages.json'), 'utf8')) as string[]);
  const external = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})].filter((d) => !bundled.has(d));
  buildSync({
    entryPoints: [path.join(root, 'connector/src/cli/main.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    logLevel: 'error',
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH, NODE_PATH: path.join(root, 'node_modules') },
  });

test('built CLI: policy check passes the default policy and fails a bad one with paths', () => {
  const good = run(['policy', 'check', 'policies/default.json']);
  expect(good.status).toBe(0);
  expect(good.stdout).toMatch(/^policies\/default\.json: OK: policy /);
  const bad = run(['policy', 'check', 'test/fixtures/policies/unknown-template-variable.json']);
  expect(bad.status).toBe(1);
  expect(bad.stdout).toContain(
    'test/fixtures/policies/unknown-template-variable.json: scripts.acknowledge.template.en: unknown variable {{customer_nme}} (fix: did you mean {{customer_name}}?',
  );
  const unknown = run(['nope']);
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('unknown command "nope"');
  const classified = run(['classify'], '{"id":"p1","subject":"Smoke came out of the charger"}\n{bad\n');
  expect(classified.status).toBe(1);
  expect(JSON.parse(classified.stdout).id).toBe('p1');
  expect(classified.stderr).toBe('line 2: invalid JSON at column 2\n');
});
