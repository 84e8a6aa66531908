/**
 * The host apps (apps/build/build-apps.mjs) built once per `jest` run for the browser tests, which only read them
 * (build-once-per-run.ts). Returns a folder whose dist/ holds zendesk/, freshdesk/ and sandbox-app/ (the layout a
 * connector's rootDir has). Outside a jest run the apps are built into `ownRoot`/dist, as each file did before.
 */
import path from 'node:path';
import { buildApps } from '../../apps/build/build-apps.mjs';
import { buildOncePerRun } from './build-once-per-run';

const ROOT = path.resolve(__dirname, '../..');

export async function builtApps(ownRoot: string): Promise<string> {
  const build = (dir: string) => buildApps({ root: ROOT, outRoot: path.join(dir, 'dist') });
  const shared = await buildOncePerRun('apps', build);
  if (shared) return shared;
  await build(ownRoot);
  return ownRoot;
}
