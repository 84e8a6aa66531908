import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder above this file (or else the working directory) with package.json and policies/default.json. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'policies', 'default.json')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    }
  }
  return process.cwd();
}
