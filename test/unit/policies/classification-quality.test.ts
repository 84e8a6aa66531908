/**
 * Classification quality of the default policy WITH its learned model (as the connector and CLI
 * run it), on data it was not trained or tuned on: the held-out split of the training corpus
 * (policies/training/heldout.jsonl, in the repository), every set written blind
 * (policies/evaluation/external*.jsonl, one row each in policies/evaluation/floors.json) and, where ../shared exists (or
 * COMPLAINT_DESK_SHARED_DIR points at it), the two shared labelled sets and the CFPB corpus (no money
 * complaint may raise safety). Prints every number; asserts the floors in floors.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../policies/src/engine';
import { evaluate, type EvalReport } from '../../../policies/src/training/evaluate';
import type { LabelledTicket } from '../../../policies/src/training/train-model';
import type { Policy } from '../../../policies/src/types';
import { SHARED_DIR } from '../../support/shared-samples';
import { policyWithModel, readLabelled } from '../../support/labelled-sets';

const root = path.resolve(__dirname, '../../..');
const shared = SHARED_DIR;

let policy: Policy;
beforeAll(() => {
  policy = policyWithModel();
});

function report(name: string, tickets: LabelledTicket[]): EvalReport {
  const r = evaluate(tickets.map((ticket) => ({ ticket, got: classify(ticket, policy) })));
  // Aggregates only: per-ticket lines of a held-out or evaluation set would show whoever reads a test log
  // which tickets fail, and tuning on them spends the set (`complaint-desk eval` lists them on request).
  const f1 = Object.entries(r.signals).map(([s, v]) => `${s} ${v.f1.toFixed(3)}`);
  console.log(
    `${name}: n ${r.n}, category ${r.category.toFixed(3)}, severity ${r.severity.toFixed(3)}, signal macro-F1 ${r.signalMacroF1.toFixed(3)}, ` +
      `L1 ${r.l1.found}/${r.l1.total}, safety missed ${r.safetyMissed.length}; ${f1.join(', ')}`,
  );
  return r;
}

/** Floors this commit meets, one row per set (docs/classification.md §7–8: the targets still open). */
interface Floors {
  category: number;
  severity: number;
  signalMacroF1: number;
  l1Recall: number;
}
interface SetFloors {
  set: string;
  tickets: number;
  title: string;
  measured: string;
  floors: Floors;
}
const QUALITY_FLOORS = JSON.parse(fs.readFileSync(path.join(root, 'policies/evaluation/floors.json'), 'utf8')) as {
  heldout: { measured: string; floors: Floors };
  shared: { measured: string; floors: Floors };
  sets: SetFloors[];
};

/** Every floor of `f` is met by `r` (each field its own expectation, so a failure names the field). */
function expectFloors(r: EvalReport, f: Floors): void {
  expect(r.category).toBeGreaterThanOrEqual(f.category);
  expect(r.severity).toBeGreaterThanOrEqual(f.severity);
  expect(r.signalMacroF1).toBeGreaterThanOrEqual(f.signalMacroF1);
  expect(r.l1.recall).toBeGreaterThanOrEqual(f.l1Recall);
}

test('held-out split of the training corpus (never trained or tuned on)', () => {
  const r = report('policies/training/heldout.jsonl', readLabelled(path.join(root, 'policies/training/heldout.jsonl')));
  expect(r.n).toBeGreaterThan(100);
  expectFloors(r, QUALITY_FLOORS.heldout.floors);
});

// A chat often opens with a greeting before the customer says anything. With one or two n-grams, each
// weighed 1/√count, a single word decided alone: "hi", "thanks" and "你好" came out L1 with safety.
test('a greeting or a bare plea alone raises no safety and is not L1; it asks for review', () => {
  const texts = ['hi', 'hello', 'Hello?', 'thanks', 'please help', 'urgent', '你好', '在吗', '您好', '請問', 'hi there', 'good morning'];
  const got = texts.map((description, i) => ({ description, c: classify({ id: `g${i}`, subject: '', description }, policy) }));
  expect(
    got
      .filter((g) => g.c.signals.includes('safety') || g.c.severity === 'L1')
      .map((g) => `${g.description}: ${g.c.severity} [${g.c.signals}]`),
  ).toEqual([]);
  // "您好" alone got repeat_contact (P 0.40) from the round-3 model; none gets a signal now
  expect(got.filter((g) => g.c.signals.length > 0).map((g) => g.description)).toEqual([]);
  // "請問" ("may I ask") matches the usage rule; models differ on it (round 4: usage, P 0.56; round 10:
  // other, asked for review; round 12: other, P 0.54, above the review threshold). Either is routine and
  // harmless: L3, and where the model overrules the rule the output says so. Every other text here asks.
  const ask = got.find((g) => g.description === '請問')!.c;
  expect(ask.severity).toBe('L3');
  expect(['usage', 'other']).toContain(ask.category);
  if (ask.category !== 'usage') {
    expect(ask.disagreements).toContainEqual(expect.objectContaining({ field: 'category', rules: 'usage', kept: ask.category }));
  }
  for (const g of got) if (g.description !== '請問') expect(g.c.review?.needed).toBe(true);
});

// A set added without floors, or floors left for a file that is gone, would go unmeasured.
test('every evaluation file has a row in policies/evaluation/floors.json, and every row its file', () => {
  const files = fs
    .readdirSync(path.join(root, 'policies/evaluation'))
    .filter((f) => /^external\d*\.jsonl$/.test(f))
    .map((f) => f.replace(/\.jsonl$/, ''));
  expect(QUALITY_FLOORS.sets.map((s) => s.set).sort()).toEqual(files.sort());
});

test.each(QUALITY_FLOORS.sets.map((s) => [s.title, s.set, s] as const))(
  '%s (policies/evaluation/%s.jsonl, never trained on)',
  (_title, set, row) => {
    const file = `policies/evaluation/${set}.jsonl`;
    const r = report(file, readLabelled(path.join(root, file)));
    expect(r.n).toBe(row.tickets);
    expectFloors(r, row.floors);
  },
);

const samples = ['complaints.jsonl', 'complaints-dev.jsonl'].map((f) => path.join(shared, 'samples', f));
const cfpb = path.join(shared, 'corpora', 'cfpb-narratives-1000.jsonl');
const present = samples.every((f) => fs.existsSync(f));
let cfpbClassified: { id: string; c: ReturnType<typeof classify> }[] | null = null;
/** The CFPB narratives classified once, for both CFPB tests. */
const classifiedCfpb = () => (cfpbClassified ??= readLabelled(cfpb).map((t) => ({ id: t.id, c: classify(t, policy) })));

(present ? test : test.skip)('shared labelled sets (complaints.jsonl + complaints-dev.jsonl): every safety case L1 with safety', () => {
  const r = report('shared samples (30 + 100)', samples.flatMap(readLabelled));
  expect(r.safetyMissed).toEqual([]);
  expectFloors(r, QUALITY_FLOORS.shared.floors);
});

(fs.existsSync(cfpb) ? test : test.skip)('CFPB money complaints: none raises safety', () => {
  const raised = classifiedCfpb()
    .filter((x) => x.c.signals.includes('safety'))
    .map((x) => x.id);
  expect(raised).toEqual([]);
});

// A money dispute is at most L2 (domain.md §4: "money wrongly taken"), whatever threat it carries: an
// L1 pages the senior team. The model once learned that a legal threat makes a complaint urgent.
(fs.existsSync(cfpb) ? test : test.skip)('CFPB money complaints: none comes out L1', () => {
  const urgent = classifiedCfpb()
    .filter((x) => x.c.severity === 'L1')
    .map((x) => x.id);
  expect(urgent).toEqual([]);
});

if (!present)
  test.skip(`shared sets not found under ${shared} (../shared beside the repository, or COMPLAINT_DESK_SHARED_DIR): not measured`, () =>
    undefined);
