import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../../../../connector/src/ops/create-logger';
import { createPolicyStore } from '../../../../../connector/src/policy/create-policy-store';
import { openDatabase, type Db } from '../../../../../connector/src/store/open-database';

const DEFAULT = join(__dirname, '../../../../../policies/default.json');
let dir: string;
let file: string;
let db: Db;
let logs: string[];

const logger = () =>
  createLogger({
    level: 'info',
    destination: new Writable({
      write(c, _e, cb) {
        logs.push(String(c));
        cb();
      },
    }),
  });
const withVersion = (v: string) => JSON.stringify({ ...JSON.parse(readFileSync(DEFAULT, 'utf8')), version: v });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cd-policy-'));
  file = join(dir, 'policy.json');
  copyFileSync(DEFAULT, file);
  db = openDatabase(join(dir, 'cd.db'));
  logs = [];
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createPolicyStore', () => {
  it('loads the file at start and records it as the active version', () => {
    const store = createPolicyStore({ db, file, logger: logger() });
    const cur = store.current();
    expect(cur.version).toBe(JSON.parse(readFileSync(DEFAULT, 'utf8')).version);
    expect(cur.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(store.history()).toEqual([expect.objectContaining({ id: cur.id, source: 'file', active: true, by: `file:${file}` })]);
  });

  it('activates a valid admin policy, rejects a bad one with paths and keeps the running one', () => {
    const store = createPolicyStore({ db, file, logger: logger() });
    const before = store.current();
    const bad = JSON.parse(withVersion('2026.11.9'));
    bad.severities.L2.respondWithinMinutes = -5;
    const rejected = store.activate(JSON.stringify(bad), 'admin', 'ana');
    expect(rejected.ok).toBe(false);
    expect(!rejected.ok && rejected.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'severities.L2.respondWithinMinutes' })]),
    );
    expect(store.current()).toEqual(before);
    const ok = store.activate(withVersion('2026.11.2'), 'admin', 'ana');
    expect(ok).toMatchObject({ ok: true, version: '2026.11.2' });
    expect(store.current().version).toBe('2026.11.2');
    expect(store.current().etag).not.toBe(before.etag);
    expect(store.history().map((h) => [h.source, h.active])).toEqual([
      ['admin', true],
      ['file', false],
    ]);
  });

  it('does not add a row for the policy that is already active', () => {
    const store = createPolicyStore({ db, file, logger: logger() });
    expect(store.activate(readFileSync(file, 'utf8'), 'admin', 'ana')).toMatchObject({ ok: true, unchanged: true });
    expect(store.history()).toHaveLength(1);
  });

  it('rolls back by re-activating an older version as a new row and notifies listeners', () => {
    const store = createPolicyStore({ db, file, logger: logger() });
    const first = store.current();
    store.activate(withVersion('2026.11.2'), 'admin', 'ana');
    const seen: string[] = [];
    store.onChange((p) => seen.push(p.version));
    const r = store.rollback(first.id, 'bo');
    expect(r).toMatchObject({ ok: true, version: first.version });
    expect(store.current().etag).toBe(first.etag);
    expect(store.history()[0]).toMatchObject({ source: 'rollback', by: 'bo', active: true });
    expect(seen).toEqual([first.version]);
    expect(() => store.rollback(999, 'bo')).toThrow(/no policy version 999/);
  });

  it('keeps an admin activation across a restart unless the file changed', () => {
    createPolicyStore({ db, file, logger: logger() }).activate(withVersion('2026.11.2'), 'admin', 'ana');
    expect(createPolicyStore({ db, file, logger: logger() }).current().version).toBe('2026.11.2');
    writeFileSync(file, withVersion('2026.12.0'));
    expect(createPolicyStore({ db, file, logger: logger() }).current().version).toBe('2026.12.0');
  });

  it('reloadFile rejects a bad file with paths in the log and keeps the running policy', () => {
    const store = createPolicyStore({ db, file, logger: logger() });
    const before = store.current();
    const bad = JSON.parse(withVersion('2026.11.5'));
    bad.sla.warnAtPercent = 'eighty';
    writeFileSync(file, JSON.stringify(bad, null, 2));
    const r = store.reloadFile();
    expect(r.ok).toBe(false);
    expect(store.current()).toEqual(before);
    const line = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'policy file rejected; the running policy stays');
    expect(line.problems.length).toBeGreaterThan(0);
    expect(line.problems[0].path).toMatch(/^sla\./);
    writeFileSync(file, withVersion('2026.11.6'));
    expect(store.reloadFile()).toMatchObject({ ok: true, version: '2026.11.6' });
  });

  it('refuses to start when the file is bad and nothing is stored', () => {
    writeFileSync(file, '{"version": ');
    expect(() => createPolicyStore({ db, file, logger: logger() })).toThrow(/not valid and no policy is stored yet[\s\S]*line 1/);
  });
});

describe('createPolicyStore history', () => {
  // The admin console reads the history on every open of the policy editor; each stored version is a whole policy
  // (130 KB for the default one), so reading their texts made each open grow with every activation ever made.
  it('lists versions without reading their policy texts', () => {
    const store = createPolicyStore({ db, file, logger: logger() });
    for (let i = 1; i <= 3; i++) expect(store.activate(withVersion(`h${i}`), 'admin', 'test').ok).toBe(true);
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = jest.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare);
    try {
      const h = store.history();
      expect(h.map((v) => v.version)).toEqual(['h3', 'h2', 'h1', JSON.parse(readFileSync(DEFAULT, 'utf8')).version]);
      expect(h[0]).toEqual(
        expect.objectContaining({ source: 'admin', by: 'test', active: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
      );
      expect(h[0]).not.toHaveProperty('json');
    } finally {
      spy.mockRestore();
    }
    expect(prepared.length).toBeGreaterThan(0);
    for (const sql of prepared) expect(sql).not.toMatch(/SELECT\s+\*|\bjson\b/i);
  });
});
