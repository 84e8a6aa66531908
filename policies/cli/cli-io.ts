/**
 * What a CLI command gets instead of `process`: streams, environment and working directory, so
 * tests run commands with in-memory streams. Every command is `(args, io) => Promise<exitCode>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parsePolicy, type PolicyResult } from '../src/validate-policy';
import defaultPolicyJson from '../default.json';

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Writes and waits for 'drain' when the stream's buffer is full (keeps memory flat on huge inputs). */
export function write(stream: NodeJS.WritableStream, text: string): Promise<void> | void {
  if (stream.write(text)) return;
  return new Promise((resolve) => stream.once('drain', resolve));
}

/** Parses `--name value` / `--name=value` / `--flag` options and positional arguments. */
export function parseArgs(args: string[], valued: string[]): { opts: Record<string, string | true>; rest: string[]; error?: string } {
  const opts: Record<string, string | true> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) { rest.push(a); continue; }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!valued.includes(name)) { opts[name] = true; continue; }
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return { opts, rest, error: `--${name} needs a value` };
    opts[name] = value;
  }
  return { opts, rest };
}

/** Reads and validates a policy file (relative to io.cwd); the built-in default policy when no file is given. */
export function loadPolicy(file: string | undefined, io: CliIo): PolicyResult & { source: string } {
  if (!file) return { ...parsePolicy(JSON.stringify(defaultPolicyJson)), source: '(built-in default policy)' };
  const full = path.resolve(io.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, source: file, problems: [{ path: '(file)', message: `cannot read ${file}: ${code ?? (e as Error).message}`, hint: code === 'ENOENT' ? 'check the file name and the current directory' : 'check that the file is readable' }] };
  }
  return { ...parsePolicy(text), source: file };
}

/** One line per problem: `FILE: PATH: MESSAGE (fix: HINT)`. */
export function problemLines(source: string, result: PolicyResult): string {
  if (result.ok) return '';
  return result.problems.map((p) => `${source}: ${p.path}: ${p.message} (fix: ${p.hint})\n`).join('');
}
