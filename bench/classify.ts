/**
 * `classify` bench: classification throughput (tickets/s) with the default policy — rules alone and
 * with the learned layer on — against a naive per-rule-regex classifier over the same policy measured
 * in the same run, on two corpora: the CFPB corpus (../shared/corpora/cfpb-narratives-1000.jsonl,
 * resolved beside the repository; English) and the Chinese (zh-CN and zh-TW) tickets of
 * policies/training/train.jsonl (in the repository, so that leg runs without ../shared). Target
 * ≥ 20 000 tickets/s with the model on. Also reports, per corpus, how far the engine without cues
 * agrees with the naive one (it must: same rules), one very long ticket against ordinary text of its length
 * (long-ticket-rows.ts), and the model's training time and artifact size. Each
 * throughput is the steady state after a warm-up of its own (throughput.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../policies/src/engine';
import { parsePolicy } from '../policies/src/validate-policy';
import type { Policy, Ticket } from '../policies/src/types';
import { naiveClassify } from './classify-naive';
import { longTicketRows } from './long-ticket-rows';
import { preparePolicy } from '../policies/server/load-model';
import { attachModel } from '../policies/src/engine/linear-model';
import type { LabelledTicket } from '../policies/src/training/train-model';
import { defaultTrainThreads, trainModelParallel } from '../policies/server/train-parallel';
import { foldMap } from '../policies/server/opencc';
import type { BenchRow } from './print-table';
import { repoRoot } from './repo-root';
import { steadyThroughput as throughput } from './throughput';

const TARGET = 20_000;

export function loadCorpus(root: string): Ticket[] {
  const file = path.resolve(
    process.env.COMPLAINT_DESK_SHARED_DIR ?? path.resolve(root, '..', 'shared'),
    'corpora',
    'cfpb-narratives-1000.jsonl',
  );
  if (!fs.existsSync(file)) throw new Error(`corpus not found at ${file}; the bench expects ../shared beside the repository`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const r = JSON.parse(l) as { id: string; subject?: string; description?: string };
      return { id: String(r.id), subject: r.subject ?? '', description: r.description ?? '' };
    });
}

function readDefaultPolicy(root: string): Policy {
  const r = parsePolicy(fs.readFileSync(path.join(root, 'policies', 'default.json'), 'utf8'));
  if (!r.ok) throw new Error(`policies/default.json is not valid: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return r.policy;
}

/** The tickets of the training corpus (in the repository) that `keep` accepts, as the classifier reads them. */
function readTrainingTickets(root: string, keep: (r: { lang?: string; description?: string }) => boolean): Ticket[] {
  return fs
    .readFileSync(path.join(root, 'policies', 'training', 'train.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; lang?: string; subject?: string; description?: string })
    .filter(keep)
    .map((r) => ({ id: String(r.id), subject: r.subject ?? '', description: r.description ?? '' }));
}

/** The Chinese (zh-CN, zh-TW) tickets of the training corpus, which is in the repository. */
export function loadChineseCorpus(root: string): Ticket[] {
  return readTrainingTickets(root, (r) => r.lang === 'zh-CN' || r.lang === 'zh-TW');
}

/** The tickets of the training corpus whose description has two or more paragraphs (long emails, mostly). */
export function loadLongEmailCorpus(root: string): Ticket[] {
  return readTrainingTickets(root, (r) => /\n[^\S\n]*\n\s*\S/.test((r.description ?? '').trim()));
}

/** The default policy with its learned model loaded; throws when the model does not load. */
function modelPolicy(root: string): Policy {
  const policy = readDefaultPolicy(root);
  const problems = preparePolicy(policy, path.join(root, 'policies'));
  if (problems.length) throw new Error(`the default policy's model did not load: ${problems[0].message}`);
  return policy;
}

/**
 * What reading a long text's paragraphs one by one costs (`passageSignalAt` and `vetoReadsParagraphs`,
 * passage-signals.ts): the model on the multi-paragraph training tickets, with the default policy's settings and
 * with both taken out (the baseline).
 */
function passageRows(root: string): BenchRow[] {
  const tickets = loadLongEmailCorpus(root);
  const withPassages = modelPolicy(root);
  const without = modelPolicy(root);
  without.classification.model = { ...without.classification.model!, passageSignalAt: undefined, vetoReadsParagraphs: undefined };
  const corpus = `, long emails: ${tickets.length} tickets of policies/training/train.jsonl with two or more paragraphs`;
  const base = throughput(tickets, (t) => classify(t, without));
  const value = throughput(tickets, (t) => classify(t, withPassages));
  const row = (subject: string, v: number): BenchRow => ({
    bench: 'classify',
    subject: `${subject}${corpus}`,
    metric: 'throughput',
    value: v,
    unit: 'tickets/s',
  });
  return [
    row('classify, rules + learned layer, paragraphs not read alone', base),
    {
      ...row('classify, rules + learned layer (paragraphs read alone for safety)', value),
      baseline: 'paragraphs not read alone',
      ratio: value / base,
    },
  ];
}

interface Leg {
  naive: number;
  rulesOnly: number;
  withModel: number;
  agree: number;
  tickets: number;
}

/**
 * One corpus: agreement with the naive classifier, then the three throughputs. `naiveToo: false`
 * leaves the naive classifier out (NaN): on Chinese text it ran at far below 1 ticket/s on this
 * machine (300 tickets took over 10 minutes), so that leg measures it only with BENCH_ZH_NAIVE=1.
 */
function measure(root: string, tickets: Ticket[], naiveToo = true): { leg: Leg; policyRules: Policy; policyModel: Policy } {
  // A fresh copy per engine so neither benefits from the other's compiled cache.
  // The naive baseline knows no cues or replacements: compare it with the engine without them.
  const policyPlain = readDefaultPolicy(root);
  policyPlain.classification = { ...policyPlain.classification, cues: [], normalize: { replace: [] }, model: undefined };
  const policyNaive = readDefaultPolicy(root);
  const policyRules = readDefaultPolicy(root);
  preparePolicy(policyRules, path.join(root, 'policies'));
  attachModel(policyRules, null);
  const policyModel = modelPolicy(root);
  let agree = naiveToo ? 0 : NaN;
  if (naiveToo)
    for (const t of tickets) {
      const a = classify(t, policyPlain);
      const b = naiveClassify(t, policyNaive);
      if (a.category === b.category && a.severity === b.severity && a.signals.join() === b.signals.join()) agree++;
    }
  const naive = naiveToo ? throughput(tickets, (t) => naiveClassify(t, policyNaive)) : NaN;
  const rulesOnly = throughput(tickets, (t) => classify(t, policyRules));
  const withModel = throughput(tickets, (t) => classify(t, policyModel));
  return { leg: { naive, rulesOnly, withModel, agree, tickets: tickets.length }, policyRules, policyModel };
}

function legRows(leg: Leg, corpus: string): BenchRow[] {
  const base = `naive per-rule regex${corpus}`;
  const hasBase = !Number.isNaN(leg.naive);
  const engineRow = (subject: string, value: number): BenchRow => ({
    bench: 'classify',
    subject: `${subject}${corpus}`,
    metric: 'throughput',
    value,
    unit: 'tickets/s',
    ...(hasBase ? { baseline: base, ratio: value / leg.naive } : {}),
    target: `≥ ${TARGET.toLocaleString('en-US')}/s`,
    pass: value >= TARGET,
  });
  const rows = [
    engineRow('classify, rules alone (normalised, cues)', leg.rulesOnly),
    engineRow('classify, rules + learned layer', leg.withModel),
  ];
  if (!hasBase) return rows;
  return [
    { bench: 'classify', subject: base, metric: 'throughput', value: leg.naive, unit: 'tickets/s' },
    ...rows,
    {
      bench: 'classify',
      subject: `classify without cues vs naive${corpus}`,
      metric: 'same category/severity/signals',
      value: (100 * leg.agree) / leg.tickets,
      unit: '%',
      target: '100 %',
      pass: leg.agree === leg.tickets,
    },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const root = repoRoot();
  const cfpb = loadCorpus(root);
  const { leg: en, policyRules, policyModel } = measure(root, cfpb);
  const { leg: zh } = measure(root, loadChineseCorpus(root), !!process.env.BENCH_ZH_NAIVE);
  const model = policyModel.classification.model!;
  const artifactBytes = fs.statSync(path.resolve(root, 'policies', model.file)).size;
  const trainFile = path.join(root, 'policies', 'training', 'train.jsonl');
  const corpus = fs
    .readFileSync(trainFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const o = JSON.parse(l);
      return { ...o, id: String(o.id) } as LabelledTicket;
    });
  const trainPolicy = readDefaultPolicy(root);
  preparePolicy(trainPolicy, path.join(root, 'policies'));
  attachModel(trainPolicy, null);
  const fold = foldMap();
  // BENCH_SKIP_TRAIN=1 leaves out the training run (minutes on a loaded machine) when only throughput is wanted.
  let train: BenchRow[] = [];
  if (!process.env.BENCH_SKIP_TRAIN) {
    const t0 = performance.now();
    // As `model train` does it: the averaged runs on worker threads (dist/node/sgd-worker.js beside the bench).
    const { threads } = await trainModelParallel(
      corpus,
      trainPolicy,
      fold,
      [],
      new Date(0).toISOString(),
      {},
      { threads: defaultTrainThreads(), workerFile: path.join(__dirname, 'sgd-worker.js') },
    );
    const trainMs = performance.now() - t0;
    train = [
      {
        bench: 'classify',
        subject: `model train (${corpus.length} tickets, ${threads} thread${threads === 1 ? '' : 's'})`,
        metric: 'training time',
        value: trainMs / 1000,
        unit: 's',
      },
    ];
  }
  return [
    ...legRows(en, ''),
    ...legRows(zh, `, Chinese: ${zh.tickets} zh-CN/zh-TW tickets of policies/training/train.jsonl (in the repo)`),
    ...passageRows(root),
    ...longTicketRows(policyRules, policyModel, cfpb),
    ...train,
    { bench: 'classify', subject: `model artifact ${model.file}`, metric: 'size', value: artifactBytes / 1024, unit: 'KB' },
  ];
}
