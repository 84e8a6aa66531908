/**
 * Model files shared by replicas through the database (store/postgres/pg-model-files.ts): a retrained candidate is
 * published there; before listing or using candidates a replica writes the ones it lacks into its own models
 * folder; and before running a policy version that pins a model (classification.model.sha256) whose file is not on
 * this replica's disk, `ensure` writes it from the database and points the policy at that copy (the pin is still
 * checked when the model loads). Publishing prunes the database's copies: files no policy version pins, beyond the
 * newest `keepNewest` (default 5), are deleted (pg-model-files.ts `prune`); a replica's own folder keeps its copies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256Of } from '../../../../policies/server/load-model';
import type { Policy } from '../../../../policies/src/types';
import type { ModelFilesStore } from '../../store/postgres/pg-model-files';

export interface SharedModels {
  /** Stores a candidate file this replica wrote (or one it activated: a pinned file is kept from then on), then prunes. */
  publish(file: string): Promise<void>;
  /** Writes every stored candidate this replica's models folder lacks. */
  sync(): Promise<void>;
  /** Makes the model `policy` pins readable here (mutates `classification.model.file` to the local copy when needed). */
  ensure(policy: Policy, policyDir: string): Promise<void>;
}

const SAFE_NAME = /^[A-Za-z0-9._-]+\.json$/;

function writeOnce(file: string, body: string): void {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  fs.writeFileSync(tmp, body);
  fs.renameSync(tmp, file);
}

export function sharedModels(files: ModelFilesStore, modelsDir: string, now: () => number = Date.now, keepNewest = 5): SharedModels {
  const localName = (sha: string, name: string) => (SAFE_NAME.test(name) ? name : `triage-model-${sha.slice(0, 12)}.json`);
  return {
    async publish(file) {
      const body = fs.readFileSync(file, 'utf8');
      const sha = sha256Of(body);
      await files.put(sha, path.basename(file), body, new Date(now()).toISOString());
      await files.prune(keepNewest);
    },
    async sync() {
      for (const f of await files.list()) {
        const local = path.join(modelsDir, localName(f.sha256, f.name));
        if (fs.existsSync(local)) continue;
        const got = await files.get(f.sha256);
        if (got && sha256Of(got.body) === f.sha256) writeOnce(local, got.body);
      }
    },
    async ensure(policy, policyDir) {
      const ref = policy.classification.model;
      if (!ref?.sha256 || fs.existsSync(path.resolve(policyDir, ref.file))) return;
      const got = await files.get(ref.sha256);
      if (!got || sha256Of(got.body) !== ref.sha256) return; // preparePolicy then reports the missing file
      const local = path.join(modelsDir, localName(ref.sha256, got.name));
      writeOnce(local, got.body);
      ref.file = local;
    },
  };
}
