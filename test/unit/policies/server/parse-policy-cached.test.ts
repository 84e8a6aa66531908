/**
 * parsePolicyCached (parse-policy-cached.ts): the CLI reads a policy text an earlier process validated from the
 * preparation cache instead of running the zod schema over it again, and gets the same validated policy. An entry is
 * really read (a planted one is the answer); a corrupt one means parsing again; an invalid policy is never cached and
 * gets the schema's own problems; only a result that survives JSON unchanged is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePolicy, type PolicyResult } from '../../../../policies/src/validate-policy';

const ROOT = path.resolve(__dirname, '../../../..');
const text = fs.readFileSync(path.join(ROOT, 'policies/default.json'), 'utf8');

let dir: string;
const saved = process.env.COMPLAINT_DESK_CACHE_DIR;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-policy-cache-'));
  process.env.COMPLAINT_DESK_CACHE_DIR = dir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.COMPLAINT_DESK_CACHE_DIR;
  else process.env.COMPLAINT_DESK_CACHE_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A new process, as far as the modules go; how often the schema ran, and the result. */
function parse(input: string, validated?: (r: PolicyResult) => PolicyResult): { result: PolicyResult; schemaRuns: number } {
  let out: { result: PolicyResult; schemaRuns: number } | undefined;
  jest.isolateModules(() => {
    const actual = jest.requireActual(
      '../../../../policies/src/validate-policy',
    ) as typeof import('../../../../policies/src/validate-policy');
    const spy = jest.fn((t: string) => (validated ?? ((r) => r))(actual.parsePolicy(t)));
    jest.doMock('../../../../policies/src/validate-policy', () => ({ ...actual, parsePolicy: spy }));
    const { parsePolicyCached } = jest.requireActual(
      '../../../../policies/server/parse-policy-cached',
    ) as typeof import('../../../../policies/server/parse-policy-cached');
    out = { result: parsePolicyCached(input), schemaRuns: spy.mock.calls.length };
    jest.dontMock('../../../../policies/src/validate-policy');
  });
  return out!;
}

const entries = () => fs.readdirSync(dir).filter((f) => f.startsWith('policy-'));
const expected = parsePolicy(text);

it('a second process takes the validated policy from the cache: the same policy, without running the schema', () => {
  expect(expected.ok).toBe(true);
  const cold = parse(text);
  expect(cold.schemaRuns).toBe(1);
  expect(cold.result).toEqual(expected);
  expect(entries()).toHaveLength(1);
  const warm = parse(text);
  expect(warm.schemaRuns).toBe(0);
  expect(warm.result).toStrictEqual(expected);
  expect(JSON.stringify(warm.result)).toBe(JSON.stringify(expected)); // members in the same order too
});

it('really reads the entry: a planted policy is the answer; a corrupt entry is parsed and written again', () => {
  const { readCached, writeCached } = jest.requireActual('../../../../policies/server/prepare-cache');
  const key = entries()[0];
  const file = path.join(dir, key);
  const good = fs.readFileSync(file);
  const planted = JSON.parse(readCached(key).toString('utf8'));
  planted.company = 'Planted Ltd';
  writeCached(key, Buffer.from(JSON.stringify(planted)));
  const read = parse(text);
  expect(read.schemaRuns).toBe(0);
  expect(read.result.ok && read.result.policy.company).toBe('Planted Ltd');
  const corrupt = fs.readFileSync(file);
  corrupt[corrupt.length >> 1] ^= 1; // the payload no longer matches its SHA-256
  fs.writeFileSync(file, corrupt);
  const again = parse(text);
  expect(again.schemaRuns).toBe(1);
  expect(again.result).toEqual(expected);
  expect(fs.readFileSync(file).equals(good)).toBe(true);
});

it('an invalid policy is parsed every time, with the schema’s problems, and never written', () => {
  const broken = JSON.parse(text);
  broken.severities.L1.respondWithinMinutes = 'soon';
  const input = JSON.stringify(broken);
  const before = entries();
  for (let i = 0; i < 2; i++) {
    const r = parse(input);
    expect(r.schemaRuns).toBe(1);
    expect(r.result).toEqual(parsePolicy(input));
    expect(r.result.ok).toBe(false);
  }
  expect(entries()).toEqual(before);
});

it('a validated policy that JSON would change is not written; another text has another entry', () => {
  const input = JSON.stringify(JSON.parse(text)); // the same policy, other bytes
  const withUndefined = (r: PolicyResult): PolicyResult => (r.ok ? { ok: true, policy: { ...r.policy, extra: undefined } as never } : r);
  const before = entries();
  expect(parse(input, withUndefined).schemaRuns).toBe(1);
  expect(entries()).toEqual(before);
  expect(parse(input).schemaRuns).toBe(1);
  expect(entries()).toHaveLength(before.length + 1);
  expect(parse(input).schemaRuns).toBe(0);
});

it('keys an entry by the text, the zod build and the runtime', () => {
  const { policyKey } = jest.requireActual('../../../../policies/server/parse-policy-cached');
  const { cacheKey } = jest.requireActual('../../../../policies/server/prepare-cache');
  const zod = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/zod/package.json'), 'utf8')) as { version: string }).version;
  const runtime = JSON.stringify([process.version, process.versions.icu, process.versions.tz, process.versions.unicode]);
  expect(policyKey('{}')).toBe(cacheKey('policy', zod, runtime, '{}'));
  expect(policyKey('{}')).not.toBe(policyKey('{ }'));
  expect(policyKey('{}')).not.toBe(cacheKey('policy', `${zod}-other`, runtime, '{}'));
});
