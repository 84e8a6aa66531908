/**
 * `complaint-desk model cv FILE.jsonl… [--folds N] [--policy FILE] [--epochs N] [--json]`: k-fold
 * cross-validation of the learned layer on labelled training data, the way every threshold and
 * training option of the default policy is chosen (never on a held-out or evaluation set). Each
 * ticket falls in fold SHA-256("cv:" + id) mod N; each fold is classified by a model trained on the
 * others with the policy's rules and combination settings, and the pooled predictions are scored
 * like `eval`. Writes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../src/engine';
import { attachModel, compileModel } from '../src/engine/linear-model';
import { evaluate, formatReport } from '../src/training/evaluate';
import { evaluateByGroup, formatGroupReport, parseNamedGroups, type NamedGroup } from '../src/training/group-report';
import { trainOptionsFor, trainingExamples, type LabelledTicket } from '../src/training/train-model';
import { defaultTrainThreads, fitModelParallel } from '../server/train-parallel';
import type { Classification } from '../src/types';
import { foldMap } from '../server/opencc';
import { readPolicyOrReport, parseArgs, type CliCommand } from './cli-io';
import { readLabelled } from './labelled-file';

export const MODEL_CV_HELP = `Usage: complaint-desk model cv FILE.jsonl… [--folds N] [--policy FILE] [--epochs N]
                               [--group NAME=REGEX;…] [--json] [--predictions OUT.jsonl] [--threads N]
                               [--leave-out REGEX]

Cross-validates the learned layer on labelled training tickets: N models (default 4), each trained
on all folds but one (ticket in fold SHA-256("cv:" + id) mod N) with the policy's rules, classify the
fold they did not see; the pooled predictions are scored like \`eval\`. Use it to choose thresholds
and options; keep the held-out and evaluation sets for the final measurement. Writes nothing but
the --predictions file.
The same numbers are reported per group of ids: per source (the id without its trailing number:
t-en-0042 → t-en), per family (its leading letters up to a dash or digits: t-en, t-hard → t-;
r16en, r16cn → r16) and per --group NAME=REGEX (matched against the id; several joined by ";").
--predictions OUT.jsonl also writes each ticket's out-of-fold classification (id, expected, category,
severity, signals, confidences, rule/model disagreements): how a decision rule applied after the model
(e.g. a signal threshold) would score can then be worked out without training again.
--threads N: each fold's averaged runs on N worker threads (default: the machine's parallelism; the
numbers are the same for any N).
--leave-out REGEX: instead of folds, one model trained on the tickets whose id does not match classifies
those that do (e.g. --leave-out '^r3[5-7]': how the model does on a group of writers it never read,
a better proxy for new customers than folds that share each writer's other tickets).
  exit 0 done · exit 1 bad lines in the input · exit 2 usage / unreadable input / invalid policy
`;

export function cvFold(id: string, folds: number): number {
  return createHash('sha256').update(`cv:${id}`).digest().readUInt32BE(0) % folds;
}

export const modelCvCommand: CliCommand = async (args, io) => {
  const { opts, rest, error } = parseArgs(args, ['policy', 'folds', 'epochs', 'group', 'predictions', 'threads', 'leave-out']);
  if (opts.help) {
    io.stdout.write(MODEL_CV_HELP);
    return 0;
  }
  if (error || rest.length === 0) {
    io.stderr.write(`${error ?? 'missing FILE.jsonl'}\n\n${MODEL_CV_HELP}`);
    return 2;
  }
  const folds = opts.folds === undefined ? 4 : Number(opts.folds);
  if (!(Number.isInteger(folds) && folds >= 2 && folds <= 20)) {
    io.stderr.write('--folds must be a whole number from 2 to 20\n');
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
  let named: NamedGroup[] = [];
  if (typeof opts.group === 'string') {
    const parsed = parseNamedGroups(opts.group);
    if ('error' in parsed) {
      io.stderr.write(`${parsed.error}\n`);
      return 2;
    }
    named = parsed.groups;
  }
  let leaveOut: RegExp | null = null;
  if (typeof opts['leave-out'] === 'string') {
    try {
      leaveOut = new RegExp(opts['leave-out'], 'u');
    } catch (e) {
      io.stderr.write(`--leave-out: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const tickets: LabelledTicket[] = [];
  const errors: string[] = [];
  for (const f of rest) {
    try {
      const r = readLabelled(f, io.cwd);
      tickets.push(...r.tickets);
      errors.push(...r.errors);
    } catch (e) {
      io.stderr.write(`${(e as Error).message}\n`);
      return 2;
    }
  }
  if (errors.length) {
    for (const e of errors.slice(0, 50)) io.stderr.write(`${e}\n`);
    io.stderr.write(`${errors.length} bad line(s)\n`);
    return 1;
  }
  const ids = new Set<string>();
  const unique = tickets.filter((t) => (ids.has(t.id) ? false : (ids.add(t.id), true)));
  // --leave-out: "fold" 1 is the left-out group, the only one classified; fold 0 trains.
  const foldOf = leaveOut ? (id: string) => (leaveOut.test(id) ? 1 : 0) : (id: string) => cvFold(id, folds);
  const trained = leaveOut ? [1] : Array.from({ length: folds }, (_, k) => k);
  const held = leaveOut ? unique.filter((t) => leaveOut.test(t.id)).length : 0;
  if (leaveOut && (held < 10 || unique.length - held < 10)) {
    io.stderr.write(`--leave-out matches ${held} of ${unique.length} ticket(s); at least 10 are needed on each side\n`);
    return 2;
  }
  if (!leaveOut && unique.length < 10 * folds) {
    io.stderr.write(`only ${unique.length} labelled example(s); at least ${10 * folds} are needed for ${folds} folds\n`);
    return 2;
  }
  // Arguments and input files are checked before the policy is prepared; its model file is never read (the rules
  // alone provide the rule features while training, and each fold attaches its own model).
  const policyFile = typeof opts.policy === 'string' ? opts.policy : undefined;
  const loaded = readPolicyOrReport(policyFile, io, { model: false });
  if (!loaded) return 2;
  const policy = loaded.policy;
  if (!policy.classification.model) {
    io.stderr.write(`${loaded.source}: classification.model is not set: nothing says how rules and model combine\n`);
    return 2;
  }

  const fold = foldMap();
  const options = trainOptionsFor(policy, epochs ? { epochs } : {});
  const examples = trainingExamples(unique, policy, fold, options); // once: the features do not depend on the fold
  const items: { ticket: LabelledTicket; got: Classification }[] = [];
  const times: string[] = [];
  for (const k of trained) {
    const started = performance.now();
    // Each fold's averaged runs on worker threads, as `model train` (the built worker beside the CLI).
    const { artifact } = await fitModelParallel(
      examples.filter((_, i) => foldOf(unique[i].id) !== k),
      policy,
      fold,
      ['cv'],
      new Date(0).toISOString(),
      options,
      { threads, workerFile: path.join(__dirname, 'sgd-worker.js') },
    );
    times.push(((performance.now() - started) / 1000).toFixed(1));
    attachModel(policy, compileModel(artifact));
    for (const t of unique) if (foldOf(t.id) === k) items.push({ ticket: t, got: classify(t, policy) });
    attachModel(policy, null);
  }
  if (typeof opts.predictions === 'string') {
    const lines = items.map(({ ticket: t, got: c }) =>
      JSON.stringify({
        id: t.id,
        expected: t.expected,
        category: c.category,
        severity: c.severity,
        signals: c.signals,
        confidence: c.confidence,
        disagreements: c.disagreements ?? [],
      }),
    );
    fs.writeFileSync(path.resolve(io.cwd, opts.predictions), `${lines.join('\n')}\n`);
  }
  const report = evaluate(items);
  const groups = evaluateByGroup(items, named);
  io.stdout.write(
    opts.json
      ? `${JSON.stringify({ ...report, groups }, null, 2)}\n`
      : `${leaveOut ? `leave-out ${leaveOut.source}: ${held} of ${unique.length} tickets, by a model trained on the others` : `${folds}-fold cross-validation on ${unique.length} tickets`} (training ${times.join(' / ')} s)\n${formatReport(report)}${formatGroupReport(groups)}`,
  );
  return 0;
};
