/**
 * The "why" rendered again from a stored classification (its `basis` and matches, after a JSON round trip) is the
 * same text classify writes in that locale, for every locale, with the learned model on; a stored classification
 * without a basis (written before it existed) gives null so the caller can fall back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify, explainStored, explainTextsOf } from '../../../../../policies/src/engine';
import { LOCALES } from '../../../../../policies/src/ids';
import { preparePolicy } from '../../../../../policies/server/load-model';
import type { Classification, Policy } from '../../../../../policies/src/types';
import { parsePolicy } from '../../../../../policies/src/validate-policy';
import { readComplaints } from '../../../../support/complaints';

const root = path.resolve(__dirname, '../../../../..');
const parsed = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const policy: Policy = parsed.policy;
preparePolicy(policy, path.join(root, 'policies'));
const cases = fs
  .readFileSync(path.join(root, 'test/fixtures/policies/classify-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as { id: string; subject: string; description: string });
const tickets = [...readComplaints(), ...cases].map((c) => ({
  id: c.id,
  subject: c.subject,
  description: c.description,
  comments: [{ id: 'c1', author: 'customer' as const, public: true, body: c.description, createdAt: '2026-11-22T10:00:00Z' }],
}));

test('the stored reasons render the same why as classify, in every locale', () => {
  expect(tickets.length).toBeGreaterThan(50);
  for (const t of tickets) {
    const stored = JSON.parse(JSON.stringify(classify(t, policy, policy.defaultLocale))) as Classification;
    for (const locale of LOCALES)
      expect([t.id, locale, explainStored(stored, policy, locale, explainTextsOf(t))]).toEqual([
        t.id,
        locale,
        classify(t, policy, locale).why,
      ]);
  }
});

test("the model's reasons are the customer's words or policy terms, never feature keys; without the text, unnamed n-grams are left out", () => {
  let named = 0;
  for (const t of tickets) {
    const c = classify(t, policy, 'en');
    const text = `${t.subject}\n${t.description}`.toLowerCase();
    for (const why of [c.why.category, c.why.severity, ...Object.values(c.why.signals)]) {
      expect(why).not.toMatch(/(?<![\p{L}\p{N}])(?:rule|sig|s|text|amount):[\p{L}\p{N}_]/u);
      const model = why!.split('weighed most: ')[1];
      if (!model) continue;
      for (const [, q] of model.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
        expect([t.id, text.includes(JSON.parse(`"${q}"`).replace(/…$/, '').toLowerCase())]).toEqual([t.id, true]);
        named++;
      }
    }
    const stored = JSON.parse(JSON.stringify(c)) as Classification;
    const bare = explainStored(stored, policy, 'en')!;
    for (const why of [bare.category, bare.severity, ...Object.values(bare.signals)])
      expect(why).not.toMatch(/(?<![\p{L}\p{N}])(?:rule|sig|s|text|amount):/u);
  }
  expect(named).toBeGreaterThan(50);
});

test('no rule matched and no model: the default-category reasons render too', () => {
  const rulesOnly = { ...policy, classification: { ...policy.classification, model: undefined } } as Policy;
  const t = { id: 'x', subject: 'hello', description: 'nothing to see' };
  const stored = JSON.parse(JSON.stringify(classify(t, rulesOnly, 'zh-CN'))) as Classification;
  expect(stored.basis?.best).toBeNull();
  expect(explainStored(stored, rulesOnly, 'en')).toEqual(classify(t, rulesOnly, 'en').why);
});

test('a classification stored before basis existed: null', () => {
  const { basis: _gone, ...old } = classify(tickets[0], policy);
  expect(explainStored(old as Classification, policy, 'en')).toBeNull();
});

test('Chinese whys name categories and severities by their labels, never by id (rules and model disagreeing included)', () => {
  const ids = /\b(quality|logistics|usage|service|billing|other|category|severity)\b/;
  let disagreed = 0;
  for (const t of tickets) {
    const c = classify(t, policy, 'zh-CN');
    if (c.disagreements?.some((g) => g.field === 'category' || g.field === 'severity')) disagreed++;
    for (const locale of ['zh-CN', 'zh-TW'] as const) {
      const why = classify(t, policy, locale).why;
      const text = [why.category, why.severity, ...Object.values(why.signals)].join(' ').replace(/"(?:[^"\\]|\\.)*"/g, '""');
      expect([t.id, locale, ids.exec(text)?.[0] ?? null]).toEqual([t.id, locale, null]);
    }
  }
  expect(disagreed).toBeGreaterThan(0);
});
