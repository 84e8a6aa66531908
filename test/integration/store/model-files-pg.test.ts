/**
 * Pruning the model files stored in PostgreSQL (pg-model-files.ts `prune`), on a real server: files pinned by any
 * policy version in the history stay (the active model, and every model a rollback can return to), so do the newest
 * `keepNewest`; the others are deleted. A rollback to a version whose model is older than the newest N still finds
 * its file (shared-models.ts `ensure` writes it on a replica without it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedModels } from '../../../connector/src/admin/retrain/shared-models';
import { openPostgresStore, type PostgresStore } from '../../../connector/src/store/postgres/open-postgres-store';
import type { Policy } from '../../../policies/src/types';
import { describePostgres, type PgServer } from '../../support/postgres-server';
import { sharedPostgres } from '../../support/shared-postgres';

const sha = (body: string) => createHash('sha256').update(body).digest('hex');
const model = (i: number) => JSON.stringify({ kind: 'test-model', i });

describePostgres('model files in PostgreSQL are pruned, pinned ones kept', () => {
  let server: PgServer;
  let store: PostgresStore;
  let dir: string;
  beforeAll(async () => {
    server = await sharedPostgres();
    store = await openPostgresStore(await server.createDatabase(), { max: 2 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-model-files-'));
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pin = (i: number, n: number) =>
    store.policyVersions.activate({
      version: `v${n}`,
      json: JSON.stringify({ version: `v${n}`, classification: { model: { file: `triage-model-${i}.json`, sha256: sha(model(i)) } } }),
      sha256: sha(`policy ${n}`),
      source: 'admin',
      by: 'test',
      at: new Date().toISOString(),
    });

  it('keeps the models the history pins and the newest N; deletes the rest; rollback still finds its model', async () => {
    for (let i = 1; i <= 8; i++)
      await store.modelFiles.put(sha(model(i)), `triage-model-${i}.json`, model(i), `2026-11-0${i}T00:00:00.000Z`);
    await store.policyVersions.activate({
      version: 'v0',
      json: JSON.stringify({ version: 'v0', classification: {} }),
      sha256: sha('policy 0'),
      source: 'file',
      by: 'test',
      at: new Date().toISOString(),
    });
    await pin(1, 1); // an old version: a rollback target
    await pin(2, 2); // the active one
    const deleted = await store.modelFiles.prune(3);
    expect(deleted).toEqual([3, 4, 5].map((i) => sha(model(i))).sort());
    const left = (await store.modelFiles.list()).map((f) => f.name).sort();
    expect(left).toEqual([1, 2, 6, 7, 8].map((i) => `triage-model-${i}.json`).sort());
    expect(await store.modelFiles.prune(3)).toEqual([]);

    // A rollback to v1 on a replica without model 1 on disk: ensure writes it from the database.
    const policy = { classification: { model: { file: 'triage-model-1.json', sha256: sha(model(1)) } } } as unknown as Policy;
    await sharedModels(store.modelFiles, path.join(dir, 'models')).ensure(policy, dir);
    expect(fs.readFileSync(policy.classification.model!.file, 'utf8')).toBe(model(1));
  });

  it('publishing a new model prunes (keeping the newest N and the pinned)', async () => {
    const file = path.join(dir, 'triage-model-9.json');
    fs.writeFileSync(file, model(9));
    await sharedModels(store.modelFiles, path.join(dir, 'models'), () => Date.parse('2026-11-09T00:00:00.000Z'), 2).publish(file);
    const left = (await store.modelFiles.list()).map((f) => f.name).sort();
    expect(left).toEqual([1, 2, 8, 9].map((i) => `triage-model-${i}.json`).sort());
  });
});
