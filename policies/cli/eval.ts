/** `complaint-desk eval FILE.jsonl…`: how well a policy (rules + model) classifies labelled tickets, over all files and per file. */
import { classify } from '../src/engine';
import { evaluate, formatReport } from '../src/training/evaluate';
import { formatScoreTable, scoreGroup } from '../src/training/group-report';
import type { LabelledTicket } from '../src/training/train-model';
import { readPolicyOrReport, parseArgs, type CliCommand } from './cli-io';
import { readLabelled } from './labelled-file';

export const EVAL_HELP = `Usage: complaint-desk eval FILE.jsonl… [--policy FILE] [--json] [--rules-only]
                            [--min-category X] [--min-severity X] [--min-signal-f1 X] [--min-l1-recall X]

Classifies every labelled ticket in the FILE.jsonl (one JSON object per line: id, subject, description,
expected {category, severity, signals}) with the policy (default: the built-in one, with its model)
and prints per-field accuracy, signal macro-F1, L1 recall, per-signal precision/recall/F1, the
category confusion matrix and the tickets it got wrong, over all the files. With several files
(e.g. one per month or per channel) a table follows with each file's scores; the gates apply to all
together. --json prints the report as JSON (with "files" when there are several).
--rules-only switches the learned model off for the comparison.
  exit 0: evaluated and every gate met (by default only --min-l1-recall 1: a missed L1 fails)
  exit 1: a gate was missed, or some lines were not valid labelled tickets (listed on stderr)
  exit 2: usage error, unreadable file or invalid policy
`;

const GATES = [
  ['min-category', 'category'],
  ['min-severity', 'severity'],
  ['min-signal-f1', 'signal macro-F1'],
  ['min-l1-recall', 'L1 recall'],
] as const;

export const evalCommand: CliCommand = async (args, io) => {
  const { opts, rest, error } = parseArgs(args, ['policy', ...GATES.map(([g]) => g)]);
  if (opts.help) {
    io.stdout.write(EVAL_HELP);
    return 0;
  }
  if (error || rest.length === 0) {
    io.stderr.write(`${error ?? 'missing FILE.jsonl'}\n\n${EVAL_HELP}`);
    return 2;
  }
  const gates: Record<string, number> = { 'min-l1-recall': 1 };
  for (const [g] of GATES) {
    if (opts[g] === undefined) continue;
    const v = Number(opts[g]);
    if (!(v >= 0 && v <= 1)) {
      io.stderr.write(`--${g} must be a number from 0 to 1\n`);
      return 2;
    }
    gates[g] = v;
  }
  // The tickets first: a missing or empty file is refused before the policy is prepared (seconds with its model).
  const files: { file: string; tickets: LabelledTicket[] }[] = [];
  const errors: string[] = [];
  for (const file of rest) {
    let read;
    try {
      read = readLabelled(file, io.cwd);
    } catch (e) {
      io.stderr.write(`${(e as Error).message}\n`);
      return 2;
    }
    errors.push(...read.errors);
    if (read.tickets.length === 0) {
      for (const e of errors.slice(0, 50)) io.stderr.write(`${e}\n`);
      io.stderr.write(`${file}: no labelled tickets\n`);
      return 2;
    }
    files.push({ file, tickets: read.tickets });
  }
  for (const e of errors.slice(0, 50)) io.stderr.write(`${e}\n`);
  if (errors.length > 50) io.stderr.write(`… and ${errors.length - 50} more bad lines\n`);
  const rulesOnly = opts['rules-only'] === true;
  // --rules-only never reads the model file.
  const loaded = readPolicyOrReport(typeof opts.policy === 'string' ? opts.policy : undefined, io, { model: !rulesOnly });
  if (!loaded) return 2;
  for (const m of loaded.modelProblems ?? []) io.stderr.write(`${loaded.source}: ${m.path}: ${m.message}; evaluating the rules alone\n`);
  const policy = loaded.policy;
  if (rulesOnly && policy.classification.model) policy.classification.model = { ...policy.classification.model, enabled: false };
  const perFile = files.map(({ file, tickets }) => ({ file, items: tickets.map((ticket) => ({ ticket, got: classify(ticket, policy) })) }));
  const report = evaluate(perFile.flatMap((f) => f.items));
  const scores = perFile.length > 1 ? perFile.map(({ file, items }) => ({ file, ...scoreGroup(items) })) : null;
  if (opts.json) io.stdout.write(`${JSON.stringify(scores ? { ...report, files: scores } : report, null, 2)}\n`);
  else
    io.stdout.write(
      formatReport(report) +
        (scores
          ? formatScoreTable(
              'per file',
              scores.map(({ file, ...s }) => [file, s]),
            )
          : ''),
    );
  const value: Record<string, number> = {
    'min-category': report.category,
    'min-severity': report.severity,
    'min-signal-f1': report.signalMacroF1,
    'min-l1-recall': report.l1.recall,
  };
  let failed = errors.length > 0;
  for (const [g, name] of GATES) {
    if (gates[g] !== undefined && value[g] < gates[g]) {
      io.stderr.write(`${name} ${value[g].toFixed(3)} is below ${gates[g]}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
};
