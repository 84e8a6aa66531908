/**
 * Checks a file the CLI is about to read BEFORE reading it: a missing file, a directory, a FIFO, a
 * socket or device (reading those would fail late or block forever) and an oversized file each get one
 * clear sentence naming the file and how to fix it. Returns null when the file can be read.
 */
import fs from 'node:fs';

/** A policy is a few hundred KB at most; anything this large is not a policy (the admin API takes 1 MB). */
export const MAX_POLICY_FILE_BYTES = 5 * 1024 * 1024;

export function inputFileProblem(full: string, shown: string, opts: { maxBytes?: number } = {}): string | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(full);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `cannot read ${shown}: ENOENT (no such file; check the file name and the current directory)`;
    if (code === 'ENOTDIR') return `cannot read ${shown}: ENOTDIR (a part of the path is a file, not a folder)`;
    if (code === 'EACCES' || code === 'EPERM') return `cannot read ${shown}: ${code} (permission denied; check the file's permissions)`;
    return `cannot read ${shown}: ${code ?? (e as Error).message}`;
  }
  if (st.isDirectory()) return `cannot read ${shown}: it is a directory (give the path of a file inside it)`;
  if (!st.isFile()) return `cannot read ${shown}: it is not a regular file (${kind(st)}); save the content to a file and pass that`;
  if (opts.maxBytes !== undefined && st.size > opts.maxBytes) {
    return `cannot read ${shown}: it is too large (${mb(st.size)}; at most ${mb(opts.maxBytes)}); is this the right file?`;
  }
  try {
    fs.accessSync(full, fs.constants.R_OK);
  } catch (e) {
    return `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? 'EACCES'} (permission denied; check the file's permissions)`;
  }
  return null;
}

function kind(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO / named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a file';
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
