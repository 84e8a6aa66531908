/**
 * The installed command classifies with the policy's regexes compiled natively at first use, not
 * interpreted and tiered up later (compile-regexps-natively.ts: after tier-up, regexes compiled once the
 * process holds > 16 MB of code stay unoptimised). V8's own trace shows it: `--trace-regexp-tier-up`
 * prints a line for every regex that tiers up. Runs bin/complaint-desk.js over the built dist/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');
const bin = path.join(root, 'bin/complaint-desk.js');

const tickets = [
  { id: 'zh', subject: '充电器冒烟', description: '充电器插上就冒烟了，外壳都软了，我又打了三次客服电话。' },
  { id: 'en', subject: 'Kettle', description: 'The kettle base sparked and there is a burning smell. Third time I write.' },
];

function tierUps(flags: string[]): { lines: number; out: string } {
  const r = spawnSync(process.execPath, ['--trace-regexp-tier-up', ...flags, bin, 'classify'], {
    cwd: root,
    encoding: 'utf8',
    input: tickets.map((t) => JSON.stringify(t)).join('\n') + '\n',
    maxBuffer: 256 * 1024 * 1024,
  });
  expect(r.status).toBe(0);
  const lines = (r.stdout + r.stderr).split('\n').filter((l) => l.includes('needs tier-up compilation')).length;
  return { lines, out: r.stdout };
}

test('classify compiles the policy regexes natively: almost no regex tiers up', () => {
  if (!fs.existsSync(path.join(root, 'dist/node/cli.js'))) throw new Error('dist/ is not built: run `npm run build` first');
  const { lines, out } = tierUps([]);
  const results = out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { id: string; severity: string; signals: string[] });
  // the classification itself is unchanged: both are hazards
  expect(results.map((c) => [c.id, c.severity, c.signals.includes('safety')])).toEqual([
    ['zh', 'L1', true],
    ['en', 'L1', true],
  ]);
  // only the regexes that run before the policy is prepared (argument, file and JSON handling: 16 when
  // written) may tier up; with tier-up on, the same run tiered up 139 (the policy's own regexes)
  expect(lines).toBeLessThan(50);
});

test('the trace shows tier-ups where V8 tiers up, and none after compileRegexpsNatively', () => {
  // the control for the count above: one sticky regex run a few times on Chinese text tiers up once,
  // unless the flag was set first (the same call preparePolicy makes, through the built bin's module)
  const script = (pre: string) =>
    `${pre} const r = new RegExp('(?:冒烟|起火|漏电)', 'y'); for (let i = 0; i < 20; i++) { r.lastIndex = i % 10; r.exec('充电器插上就冒烟了，外壳都软了'); }`;
  const count = (pre: string) => {
    const r = spawnSync(process.execPath, ['--trace-regexp-tier-up', '-e', script(pre)], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    return (r.stdout + r.stderr).split('\n').filter((l) => l.includes('needs tier-up compilation')).length;
  };
  expect(count('')).toBe(1);
  expect(count("require('node:v8').setFlagsFromString('--no-regexp-tier-up');")).toBe(0);
});
