/**
 * `complaint-desk model train FILE.jsonl… [--policy FILE] [--out FILE]`: trains the learned layer
 * on labelled tickets and writes the JSON artifact the policy references. The file it replaces is
 * kept beside it as `<name>.previous.json` for rollback.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LabelledTicket } from '../src/training/train-model';
import { foldMap } from '../server/opencc';
import { sha256Of } from '../server/load-model';
import { defaultTrainThreads, trainModelParallel } from '../server/train-parallel';
import { builtInPolicyDir, readPolicyOrReport, parseArgs, type CliCommand, type CliIo } from './cli-io';
import { readLabelled } from './labelled-file';

export const MODEL_TRAIN_HELP = `Usage: complaint-desk model train FILE.jsonl… [--policy FILE] [--out FILE] [--epochs N]
                                  [--threads N] [--with-corrections [--db URL]]

Trains the learned layer (category, severity, signals) on labelled JSONL files (the eval format)
and writes the model artifact. --out defaults to the file the policy's classification.model names
(relative to the policy file). The replaced artifact is kept as <name>.previous.json: to roll back,
copy it over the model file (or point the policy at it).
--with-corrections adds the agents' stored corrections from the connector database (--db, else
$DATABASE_URL) as extra labelled examples.
--threads N runs the averaged SGD runs on N worker threads (default: the machine's parallelism; the
artifact is the same for any N).
Prints the number of examples and features, the artifact size, its SHA-256 and the training time.
  exit 0 trained · exit 1 bad lines in the input (nothing written) · exit 2 usage / unreadable input
`;

/** Extra labelled examples a caller (the connector's CLI) can supply, e.g. stored corrections. */
export type ExtraExamples = (
  opts: Record<string, string | true>,
  io: CliIo,
) => Promise<{ tickets: LabelledTicket[]; source: string } | { error: string }>;

export function modelTrainCommand(extra?: ExtraExamples): CliCommand {
  return async (args, io) => {
    const { opts, rest, error } = parseArgs(args, ['policy', 'out', 'epochs', 'db', 'threads']);
    if (opts.help) {
      io.stdout.write(MODEL_TRAIN_HELP);
      return 0;
    }
    if (error || (rest.length === 0 && !opts['with-corrections'])) {
      io.stderr.write(`${error ?? 'missing FILE.jsonl'}\n\n${MODEL_TRAIN_HELP}`);
      return 2;
    }
    const epochs = opts.epochs === undefined ? undefined : Number(opts.epochs);
    if (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0 && epochs <= 500)) {
      io.stderr.write('--epochs must be a whole number from 1 to 500\n');
      return 2;
    }

    const threads = opts.threads === undefined ? defaultTrainThreads() : Number(opts.threads);
    if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64)) {
      io.stderr.write('--threads must be a whole number from 1 to 64\n');
      return 2;
    }

    if (opts['with-corrections'] && !extra) {
      io.stderr.write('--with-corrections needs the connector database (run through the complaint-desk CLI)\n');
      return 2;
    }
    const tickets: LabelledTicket[] = [];
    const sources: string[] = [];
    const errors: string[] = [];
    for (const f of rest) {
      try {
        const r = readLabelled(f, io.cwd);
        tickets.push(...r.tickets);
        errors.push(...r.errors);
        sources.push(`${path.basename(f)} (${r.tickets.length})`);
      } catch (e) {
        io.stderr.write(`${(e as Error).message}\n`);
        return 2;
      }
    }
    if (errors.length) {
      for (const e of errors.slice(0, 50)) io.stderr.write(`${e}\n`);
      io.stderr.write(`${errors.length} bad line(s); nothing written\n`);
      return 1;
    }
    if (tickets.length < 10 && !opts['with-corrections']) {
      io.stderr.write(`only ${tickets.length} labelled example(s); at least 10 are needed\n`);
      return 2;
    }
    // Arguments and input files are checked before the policy is prepared; its model file is never read (the
    // rules alone provide the rule features).
    const policyFile = typeof opts.policy === 'string' ? opts.policy : undefined;
    const loaded = readPolicyOrReport(policyFile, io, { model: false });
    if (!loaded) return 2;
    const policy = loaded.policy;
    const baseDir = policyFile ? path.dirname(path.resolve(io.cwd, policyFile)) : builtInPolicyDir();
    const outArg =
      typeof opts.out === 'string'
        ? path.resolve(io.cwd, opts.out)
        : policy.classification.model
          ? path.resolve(baseDir, policy.classification.model.file)
          : null;
    if (!outArg) {
      io.stderr.write('the policy names no classification.model file: give --out FILE\n');
      return 2;
    }
    if (opts['with-corrections'] && extra) {
      const r = await extra(opts, io);
      if ('error' in r) {
        io.stderr.write(`${r.error}\n`);
        return 2;
      }
      tickets.push(...r.tickets);
      sources.push(`${r.source} (${r.tickets.length})`);
    }
    if (tickets.length < 10) {
      io.stderr.write(`only ${tickets.length} labelled example(s); at least 10 are needed\n`);
      return 2;
    }
    const ids = new Set<string>();
    const unique = tickets.filter((t) => (ids.has(t.id) ? false : (ids.add(t.id), true)));

    const started = performance.now();
    // Beside the built CLI (dist/node); run from source there is none and the runs take turns on this thread.
    const workerFile = path.join(__dirname, 'sgd-worker.js');
    const trained = await trainModelParallel(unique, policy, foldMap(), sources, new Date().toISOString(), epochs ? { epochs } : {}, {
      threads,
      workerFile,
    });
    const artifact = trained.artifact;
    const ms = performance.now() - started;
    const text = `${JSON.stringify(artifact)}\n`;
    fs.mkdirSync(path.dirname(outArg), { recursive: true });
    let kept = '';
    if (fs.existsSync(outArg)) {
      const prev = outArg.replace(/(\.json)?$/, '.previous.json');
      fs.copyFileSync(outArg, prev);
      kept = `; previous model kept as ${path.relative(io.cwd, prev)}`;
    }
    const tmp = `${outArg}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, outArg);
    io.stdout.write(
      `trained on ${unique.length} examples from ${sources.join(', ')} in ${(ms / 1000).toFixed(1)} s (${trained.threads} thread${trained.threads === 1 ? '' : 's'}): ${Object.keys(artifact.weights).length} features, ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, sha256 ${sha256Of(text)}\nwrote ${path.relative(io.cwd, outArg) || outArg}${kept}\n`,
    );
    return 0;
  };
}
