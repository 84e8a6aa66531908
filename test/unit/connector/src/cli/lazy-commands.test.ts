/**
 * The CLI loads a command's module when that command runs, not at start: `classify`, `eval` and `policy check`
 * processes then skip the PostgreSQL client and the stores that only `evidence export` and `store migrate` use
 * (about 0.2 s of CPU per process). The packages are recorded as they are loaded.
 */
import { memoryIo } from '../../../policies/cli/memory-io';

const mockLoaded: string[] = [];
jest.mock('pg', () => {
  mockLoaded.push('pg');
  return jest.requireActual('pg');
});
jest.mock('better-sqlite3', () => {
  mockLoaded.push('better-sqlite3');
  return jest.requireActual('better-sqlite3');
});

it('starting the CLI and running a policy command loads neither the PostgreSQL client nor SQLite', async () => {
  const { main } = jest.requireActual('../../../../../connector/src/cli/main');
  expect(mockLoaded).toEqual([]);
  const m = memoryIo();
  expect(await main(['policy', 'schema'], m.io)).toBe(0);
  expect(JSON.parse(m.out())).toHaveProperty('$schema');
  expect(mockLoaded).toEqual([]);
});

it('a command that needs them loads them when it runs', async () => {
  const { main } = jest.requireActual('../../../../../connector/src/cli/main');
  const m = memoryIo();
  expect(await main(['store', 'migrate', '--help'], m.io)).toBe(0);
  expect(m.out()).toMatch(/^Usage: complaint-desk store migrate/);
  expect(mockLoaded).toContain('pg');
});
