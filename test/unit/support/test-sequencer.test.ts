import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Sequencer = require('../../support/test-sequencer.js');
const { seconds } = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/support/slow-suites.json'), 'utf8')) as {
  seconds: Record<string, number>;
};

type FakeTest = { path: string; context: unknown };
/** Test files as jest hands them to the sequencer; `cache: false` = no timings of an earlier run (a fresh clone). */
const testsOf = (files: [string, number][]): FakeTest[] => {
  const sizes = new Map(files.map(([f, size]) => [path.join(ROOT, f), size]));
  const context = { config: { rootDir: ROOT, cache: false }, hasteFS: { getSize: (p: string) => sizes.get(p) ?? 0 } };
  return files.map(([f]) => ({ path: path.join(ROOT, f), context }));
};
const names = (tests: FakeTest[]) => tests.map((t) => path.relative(ROOT, t.path));

it('every file the slow list names exists (a renamed file would silently lose its place)', () => {
  const missing = Object.keys(seconds).filter((f) => !fs.existsSync(path.join(ROOT, f)));
  expect(missing).toEqual([]);
  expect(Object.keys(seconds).length).toBeGreaterThan(5);
});

it('without timings (fresh clone): the listed slow files first, longest first, then the rest by size', () => {
  const [a, b, c] = Object.entries(seconds)
    .sort((x, y) => y[1] - x[1])
    .map(([f]) => f);
  const tests = testsOf([
    ['test/unit/small.test.ts', 10],
    [c, 1],
    ['test/unit/big.test.ts', 90_000],
    [a, 2],
    ['test/unit/middle.test.ts', 500],
    [b, 3],
  ]);
  expect(names(new Sequencer({}).sort(tests))).toEqual([
    a,
    b,
    c,
    'test/unit/big.test.ts',
    'test/unit/middle.test.ts',
    'test/unit/small.test.ts',
  ]);
});

it("with timings from an earlier run: jest's own order (longest measured first), the list ignored", () => {
  const [a] = Object.keys(seconds);
  const tests = testsOf([
    [a, 1],
    ['test/unit/one.test.ts', 1],
    ['test/unit/two.test.ts', 1],
  ]);
  const sequencer = new Sequencer({});
  const measured: Record<string, number> = { [a]: 1_000, 'test/unit/one.test.ts': 5_000, 'test/unit/two.test.ts': 90_000 };
  jest.spyOn(sequencer, 'time').mockImplementation((t: any) => measured[path.relative(ROOT, t.path)]);
  expect(names(sequencer.sort(tests))).toEqual(['test/unit/two.test.ts', 'test/unit/one.test.ts', a]);
});
