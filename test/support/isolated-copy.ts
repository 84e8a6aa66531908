/**
 * `<base>/repo`: the repository's source files without build output, `node_modules` symlinked to the real one,
 * `<base>/shared` → the real `../shared` when it exists. Commands that rebuild `dist/` (`npm start`, the first
 * `npx complaint-desk`, which runs `prepare`) run there, never against the shared `dist/` other tests read.
 */
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** Top-level entries that are build output, local data or VCS state: never copied. */
const NOT_COPIED = new Set(['.git', 'node_modules', 'dist', 'data', 'test-artifacts']);

export function isolatedCopy(base: string): string {
  const repo = path.join(base, 'repo');
  mkdirSync(repo);
  cpSync(ROOT, repo, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(ROOT, src);
      if (rel === '') return true;
      const parts = rel.split(path.sep);
      return !(parts.length === 1 && NOT_COPIED.has(parts[0])) && !parts.includes('node_modules');
    },
  });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'), 'dir');
  const shared = path.resolve(ROOT, '..', 'shared');
  if (existsSync(shared)) symlinkSync(shared, path.join(base, 'shared'), 'dir');
  return repo;
}
