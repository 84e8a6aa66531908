/**
 * A missed safety case is never silent, also when the hazard sits inside a long email: each safety case of the
 * held-out split (and, where ../shared exists, of the two shared sets) is wrapped as a reply (subject "Re: order N",
 * a greeting and an unrelated matter first, then the complaint, a signature and a quoted automatic reply) and must
 * come out with the safety signal or ask for review. docs/classification.md §8 ("A long email around a hazard"):
 * wrapped, a few lose safety, because the model's n-grams weigh less in a longer text; each of them asks for review.
 * Prints the aggregate counts only (the held-out tickets are evaluation data). On the training split it also checks
 * that the paragraphs read one by one keep hazards and legal or media threats the whole text alone loses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../policies/src/engine';
import type { LabelledTicket } from '../../../policies/src/training/train-model';
import type { Policy } from '../../../policies/src/types';
import { SHARED_DIR } from '../../support/shared-samples';
import { policyWithModel, readLabelled } from '../../support/labelled-sets';
import { wrapAsReply } from '../../support/wrap-as-reply';

const root = path.resolve(__dirname, '../../..');

/** The training split, read once for the tests below that sample it. */
let training: LabelledTicket[] | undefined;
const trainingSplit = () => (training ??= readLabelled(path.join(root, 'policies/training/train.jsonl')));

let policy: Policy;
beforeAll(() => {
  policy = policyWithModel();
});

function check(name: string, tickets: LabelledTicket[]): void {
  const safetyCases = tickets.filter((t) => t.expected.signals.includes('safety'));
  expect(safetyCases.length).toBeGreaterThan(20);
  const results = safetyCases.map((t, i) => {
    const plain = classify(t, policy);
    const wrapped = classify(wrapAsReply(t, i), policy);
    return { plain, wrapped };
  });
  const lost = results.filter((r) => !r.wrapped.signals.includes('safety'));
  const silent = lost.filter((r) => !r.wrapped.review?.needed);
  console.log(
    `${name}: ${safetyCases.length} safety cases; as written ${results.filter((r) => r.plain.signals.includes('safety')).length} ` +
      `with safety; wrapped ${safetyCases.length - lost.length} with safety, ${lost.length} without (${silent.length} silent), ` +
      `L1 ${results.filter((r) => r.wrapped.severity === 'L1').length}`,
  );
  expect(silent.length).toBe(0);
}

test('wrapping a case changes only the subject and adds text around the description', () => {
  const t = { id: 'x', subject: 'Smoke', description: 'The kettle base smoked.', locale: 'en' } as LabelledTicket;
  const w = wrapAsReply(t, 3);
  expect(w.subject).toMatch(/^Re: order \d{6}$/);
  expect(w.description).toContain('The kettle base smoked.');
  expect(w.description.length).toBeGreaterThan(t.description.length + 200);
  expect(w.description).toMatch(/wrote:|Original Message/);
});

test('held-out split: every safety case wrapped in a long email keeps safety or asks for review', () => {
  check('held-out split', readLabelled(path.join(root, 'policies/training/heldout.jsonl')));
});

const samples = ['complaints.jsonl', 'complaints-dev.jsonl'].map((f) => path.join(SHARED_DIR, 'samples', f));
(samples.every((f) => fs.existsSync(f)) ? test : test.skip)(
  'shared labelled sets: every safety case wrapped in a long email keeps safety or asks for review',
  () => {
    check('shared sets', samples.flatMap(readLabelled));
  },
);

test('training split: a hazard the model reads in one paragraph of a long email keeps safety (passageSignalAt, vetoReadsParagraphs)', () => {
  // Training text: measured on, not scored. Without the paragraphs read one by one, the wrapping costs the model
  // hazards it finds in the ticket as written (docs/classification.md §8).
  // Every fifth safety case of the split (about 1,600), for the time a test file may take.
  const cases = trainingSplit()
    .filter((t) => t.expected.signals.includes('safety'))
    .filter((_, i) => i % 5 === 0);
  const withoutPassages = policyWithModel((raw) => {
    delete raw.classification.model.passageSignalAt;
    delete raw.classification.model.vetoReadsParagraphs;
  });
  expect(policy.classification.model?.passageSignalAt?.safety).toBeDefined();
  expect(policy.classification.model?.vetoReadsParagraphs).toContain('safety');
  const lost = (p: Policy) =>
    cases.filter((t, i) => classify(t, p).signals.includes('safety') && !classify(wrapAsReply(t, i), p).signals.includes('safety')).length;
  const before = lost(withoutPassages);
  const after = lost(policy);
  console.log(`training split: ${cases.length} safety cases; wrapped, ${before} lose safety without passages, ${after} with`);
  expect(before).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
});

test('training split: a legal or media threat in one paragraph of a long email is not dropped (vetoReadsParagraphs)', () => {
  // The model drops a rule-found legal or media signal it finds unlikely (dropSignalBelowBySignal); wrapped, the
  // threat's words weigh less and more are dropped, unless the probability is read in the threat's paragraph.
  // Every fifth threat of the split; training text, measured on, not scored.
  const cases = trainingSplit()
    .filter((t) => t.expected.signals.includes('legal') || t.expected.signals.includes('media'))
    .filter((_, i) => i % 5 === 0);
  const safetyOnly = policyWithModel((raw) => {
    raw.classification.model.vetoReadsParagraphs = ['safety'];
  });
  expect(policy.classification.model?.vetoReadsParagraphs).toEqual(expect.arrayContaining(['legal', 'media']));
  const lost = (p: Policy) =>
    cases.filter((t, i) => {
      const wanted = t.expected.signals.filter((s) => s === 'legal' || s === 'media');
      const plain = classify(t, p).signals;
      const wrapped = classify(wrapAsReply(t, i), p).signals;
      return wanted.some((s) => plain.includes(s) && !wrapped.includes(s));
    }).length;
  const before = lost(safetyOnly);
  const after = lost(policy);
  console.log(
    `training split: ${cases.length} legal or media threats; wrapped, ${before} lose one reading safety alone, ${after} as shipped`,
  );
  expect(before).toBeGreaterThan(0);
  expect(after).toBeLessThan(before);
});
