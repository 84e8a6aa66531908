/**
 * npm 11.16+ reads `allowScripts` in package.json: which dependencies may run their install scripts. npm 11 only
 * warns about the others; npm 12 skips them, and a fresh `npm install && npm start` would then find no compiled
 * better-sqlite3 (the connector's store). Every package of the lock file that has install scripts must be named
 * there, allowed or denied on purpose.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

function scriptedPackages(): Set<string> {
  const { packages } = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
  const names = Object.entries(packages)
    .filter(([where, p]) => where && p.hasInstallScript)
    .map(([where]) => where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length));
  return new Set(names);
}

describe('allowScripts in package.json', () => {
  const allow = (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
  const scripted = scriptedPackages();

  it('names every package of the lock file that has install scripts', () => {
    expect(scripted.size).toBeGreaterThan(0);
    const unnamed = [...scripted.keys()].filter((name) => typeof allow[name] !== 'boolean');
    expect(unnamed).toEqual([]);
  });

  it('allows the native build the connector cannot start without', () => {
    expect(allow['better-sqlite3']).toBe(true);
  });

  it('names nothing the lock file does not install with a script', () => {
    const stale = Object.keys(allow).filter((name) => !scripted.has(name));
    expect(stale).toEqual([]);
  });
});
