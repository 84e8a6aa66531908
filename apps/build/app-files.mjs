// File helpers for the app validators: a folder's entries (files, dirs, symlinks) and safe JSON reads.
import fs from 'node:fs';
import path from 'node:path';

export function listEntries(dir, base = dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    const rel = path.relative(base, full).split(path.sep).join('/');
    if (e.isSymbolicLink()) out.push({ path: rel, type: 'symlink' });
    else if (e.isDirectory()) {
      out.push({ path: rel, type: 'dir' });
      out.push(...listEntries(full, base));
    } else out.push({ path: rel, type: 'file' });
  }
  return out;
}

export function readJson(file) {
  try {
    return { value: JSON.parse(fs.readFileSync(file, 'utf8')), error: null };
  } catch (e) {
    return { value: null, error: e.message };
  }
}
