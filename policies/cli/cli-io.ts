/**
 * What a CLI command gets instead of `process`: streams, environment and working directory, so
 * tests run commands with in-memory streams. Every command is `(args, io) => Promise<exitCode>`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PolicyResult } from '../src/validate-policy';
import defaultPolicyJson from '../default.json';
import { inputFileProblem, MAX_POLICY_FILE_BYTES } from './check-input-file';
import { preparePolicy, type ModelProblem } from '../server/load-model';
import { parsePolicyCached } from '../server/parse-policy-cached';

/** The folder of the built-in default policy (policies/), found from this file in source and in dist/. */
export function builtInPolicyDir(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (;;) {
      if (fs.existsSync(path.join(dir, 'policies', 'default.json'))) return path.join(dir, 'policies');
      if (fs.existsSync(path.join(dir, 'default.json')) && path.basename(dir) === 'policies') return dir;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return process.cwd();
}

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
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!valued.includes(name)) {
      opts[name] = true;
      continue;
    }
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return { opts, rest, error: `--${name} needs a value` };
    opts[name] = value;
  }
  return { opts, rest };
}

/**
 * Reads and validates a policy file (relative to io.cwd); the built-in default policy when no file is given.
 * `unreadable` is set when the file could not be read at all (missing, a directory, a FIFO, too large):
 * commands report that as one line on stderr and exit 2, since nothing was checked.
 * `model: false` (eval --rules-only, model train, model cv) leaves the policy's model file unread: no model is attached.
 * `model: 'check'` (policy check) reports the model's problems without attaching it (preparePolicy).
 */
export function readPolicyFile(
  file: string | undefined,
  io: CliIo,
  opts: { model?: boolean | 'check' } = {},
): PolicyResult & { source: string; unreadable?: string; modelProblems?: ModelProblem[] } {
  const withModel = opts.model ?? true;
  if (!file)
    return prepared(parsePolicyCached(JSON.stringify(defaultPolicyJson)), '(built-in default policy)', builtInPolicyDir(), withModel);
  const full = path.resolve(io.cwd, file);
  const problem = inputFileProblem(full, file, { maxBytes: MAX_POLICY_FILE_BYTES });
  const unreadable = (message: string) => ({
    ok: false as const,
    source: file,
    unreadable: message,
    problems: [{ path: '(file)', message, hint: 'pass the path of a readable policy JSON file' }],
  });
  if (problem) return unreadable(problem);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch (e) {
    return unreadable(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return prepared(parsePolicyCached(text.replace(/^\uFEFF/, '')), file, path.dirname(full), withModel);
}

/**
 * `readPolicyFile` for commands that stop on a bad policy: the prepared policy, or null once its problems are
 * written to stderr (the caller exits 2).
 */
export function readPolicyOrReport(file: string | undefined, io: CliIo, opts: { model?: boolean | 'check' } = {}) {
  const loaded = readPolicyFile(file, io, opts);
  if (loaded.ok) return loaded;
  io.stderr.write(problemLines(loaded.source, loaded));
  return null;
}

/** A valid policy gets its phrases in both Chinese scripts and its model attached (problems reported, not fatal here). */
function prepared(
  r: PolicyResult,
  source: string,
  baseDir: string,
  withModel: boolean | 'check',
): PolicyResult & { source: string; modelProblems?: ModelProblem[] } {
  if (!r.ok) return { ...r, source };
  return { ...r, source, modelProblems: preparePolicy(r.policy, baseDir, { model: withModel }) };
}

/** One line per problem: `FILE: PATH: MESSAGE (fix: HINT)`. */
export function problemLines(source: string, result: PolicyResult & { unreadable?: string }): string {
  if (result.ok) return '';
  if (result.unreadable) return `${result.unreadable}\n`;
  return result.problems.map((p) => `${source}: ${p.path}: ${p.message} (fix: ${p.hint})\n`).join('');
}
