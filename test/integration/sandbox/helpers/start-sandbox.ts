/** A real connector in sandbox mode on 127.0.0.1:0 with a temp SQLite file (integration tests of /sandbox and /admin). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../../../connector/src/ops/create-logger';
import { startConnector, type RunningConnector } from '../../../../connector/src/start-connector';

export const ROOT = path.resolve(__dirname, '../../../..');
export const ADMIN_TOKEN = 'it-admin-token-0123456789abcdef';

/** `editPolicy`: changes to the default policy (as parsed JSON), written to a policy file of the sandbox's own. */
export async function startSandbox(
  o: { editPolicy?: (policy: Record<string, any>) => void } = {},
): Promise<RunningConnector & { stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cd-sandbox-it-'));
  let policyFile = path.join(ROOT, 'policies/default.json');
  if (o.editPolicy) {
    const raw = JSON.parse(readFileSync(policyFile, 'utf8'));
    o.editPolicy(raw);
    policyFile = path.join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(raw));
  }
  const c = await startConnector({
    env: {
      DATABASE_URL: `sqlite:${path.join(dir, 'it.db')}`,
      POLICY_FILE: policyFile,
      ADMIN_TOKEN,
      APP_SHARED_SECRET: 'it-app-secret-0123456789',
      LOG_LEVEL: 'silent',
      SANDBOX: 'on',
    },
    port: 0,
    hostname: '127.0.0.1',
    rootDir: ROOT,
    logger: createLogger({ level: 'silent' }),
  });
  return Object.assign(c, {
    stop: async () => {
      await c.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/** POSTs a form like a browser would, without following the redirect. */
export async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
}
