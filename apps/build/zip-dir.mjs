// Zips a folder (relative paths, sorted, fixed mtime for reproducible archives) with fflate.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

export function listFiles(dir, base = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

export function zipDir(dir, zipFile) {
  const entries = {};
  const mtime = new Date('2026-01-01T00:00:00Z');
  for (const rel of listFiles(dir)) entries[rel] = [fs.readFileSync(path.join(dir, rel)), { mtime }];
  fs.writeFileSync(zipFile, zipSync(entries, { level: 9 }));
  return Object.keys(entries);
}
