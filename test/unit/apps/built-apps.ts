/** Builds the host apps once per test file into a temp dir, and copies a built app for a negative case. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApps, type BuiltApps } from '../../../apps/build/build-apps.mjs';

export const ROOT = path.resolve(__dirname, '../../..');
const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export async function buildIntoTemp(): Promise<BuiltApps & { outRoot: string }> {
  const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-apps-'));
  made.push(outRoot);
  return { ...(await buildApps({ root: ROOT, outRoot })), outRoot };
}

/** A fresh copy of a built app folder to break in one way. */
export function copyApp(dir: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-app-copy-'));
  made.push(copy);
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

export function editJson(file: string, edit: (json: any) => void): void {
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  edit(json);
  fs.writeFileSync(file, JSON.stringify(json));
}
