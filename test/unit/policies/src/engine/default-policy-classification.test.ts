/**
 * The default policy on cases written for this project (test/fixtures/policies/classify-cases.jsonl:
 * en, zh-CN, zh-TW, including traps such as "shocked by how rude", "any news on my refund",
 * "no smoke"), as the connector, the CLI and the sidebar classify with it (phrases widened into both Chinese
 * scripts: the policy writes each phrase in one), and the engine against an independent per-rule-regex reference.
 */
import fs from 'node:fs';
import path from 'node:path';
import { naiveClassify } from '../../../../../bench/classify-naive';
import { classify } from '../../../../../policies/src/engine';
import type { Ticket } from '../../../../../policies/src/types';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { parsePolicy } from '../../../../../policies/src/validate-policy';
import { accuracy, formatAccuracy, type LabelledTicket } from '../../classification-accuracy';

const root = path.resolve(__dirname, '../../../../..');
const policyResult = parsePolicy(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
if (!policyResult.ok) throw new Error(JSON.stringify(policyResult.problems));
const policy = expandScripts(policyResult.policy);
const readJsonl = <T>(file: string): T[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
const cases = readJsonl<LabelledTicket>(path.join(root, 'test/fixtures/policies/classify-cases.jsonl'));

test('default policy classifies the project cases (all fields, all locales)', () => {
  const r = accuracy(cases, (t) => classify(t, policy));
  console.log(`default policy over ${cases.length} project cases\n${formatAccuracy(r)}`);
  expect(r.misses).toEqual([]);
  for (const lang of ['en', 'zh-CN', 'zh-TW'])
    expect(cases.filter((c) => (c as { lang?: string }).lang === lang).length).toBeGreaterThanOrEqual(10);
});

test("every L1 case explains its severity with a rule's matched text (never the rule id)", () => {
  for (const t of cases.filter((c) => c.expected.severity === 'L1')) {
    const c = classify(t, policy);
    const rule = c.matches.find((m) => m.sets.severity === 'L1' || m.sets.signals?.includes('safety'))!;
    expect(c.why.severity).not.toContain(rule.ruleId);
    expect(c.matches.some((m) => c.why.severity.includes(JSON.stringify(m.text)))).toBe(true);
    expect(c.why.severity).toContain(policy.severities.L1.label[policy.defaultLocale]);
    expect(c.matches.some((m) => m.sets.severity === 'L1' || m.sets.signals?.includes('safety'))).toBe(true);
  }
});

// The reference knows phrases, patterns and `unless`, not cue sets (negation, hypotheticals, harmless
// senses: their own tests in default-policy-signals and scan-field): both run on the policy without them.
const withoutCues = (() => {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
  doc.classification.cues = [];
  const r = parsePolicy(JSON.stringify(doc));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.policy;
})();

test('the engine agrees with the per-rule-regex reference (rule set, category, severity, signals)', () => {
  const corpusFile = path.resolve(root, '..', 'shared/corpora/cfpb-narratives-1000.jsonl');
  const samplesFile = path.resolve(root, '..', 'shared/samples/complaints.jsonl');
  const tickets: Ticket[] = [...cases];
  if (fs.existsSync(samplesFile)) tickets.push(...readJsonl<Ticket>(samplesFile));
  if (fs.existsSync(corpusFile))
    tickets.push(
      ...readJsonl<{ id: string; description: string }>(corpusFile)
        .slice(0, 300)
        .map((r) => ({ id: r.id, subject: '', description: r.description })),
    );
  // Each rule's first Latin phrase glued into a longer word, where only the whole-word boundaries decide (the
  // sets above need not hold such text): the start in the subject ("xfire"), the end in the description ("firex").
  for (const r of withoutCues.classification.rules) {
    const phrase = (r.phrases ?? []).find((p) => /^[a-z](?:.*[a-z])?$/i.test(p));
    if (phrase) tickets.push({ id: `glued-${r.id}`, subject: `x${phrase}`, description: `${phrase}x` });
  }
  let compared = 0;
  for (const t of tickets) {
    const a = classify(t, withoutCues);
    const b = naiveClassify(t, withoutCues);
    const rules = [...new Set(a.matches.map((m) => m.ruleId))].sort();
    expect({ id: t.id, category: a.category, severity: a.severity, signals: a.signals, rules }).toEqual({
      id: t.id,
      category: b.category,
      severity: b.severity,
      signals: b.signals,
      rules: [...b.ruleIds].sort(),
    });
    compared++;
  }
  expect(compared).toBeGreaterThanOrEqual(cases.length);
});

/** No `unusable_*` rule matched the ticket, and it did not come out L1. */
function expectNotDead(t: Ticket): void {
  const c = classify(t, policy);
  expect({ id: t.id, rules: c.matches.map((m) => m.ruleId).filter((r) => r.startsWith('unusable')), severity: c.severity }).toEqual({
    id: t.id,
    rules: [],
    severity: expect.not.stringMatching(/^L1$/),
  });
}

test('a retraction anywhere in the ticket cancels "completely unusable" in every field (unlessScope "ticket")', () => {
  const retracted: Ticket[] = [
    {
      id: 'u1',
      subject: 'Dehumidifier not working at all',
      description: "Sorry, ignore this. Turns out the tank wasn't seated; it works now.",
    },
    { id: 'u2', subject: '空调完全不制冷', description: '不好意思，原来是遥控器调到了送风模式，现在已经凉了。' },
    { id: 'u3', subject: '洗衣機完全冇反應', description: '唔好意思，原來係插頭冇插實，而家用得返。' },
  ];
  for (const t of retracted) {
    expectNotDead(t);
    expect(naiveClassify(t, withoutCues).ruleIds.filter((r) => r.startsWith('unusable'))).toEqual([]);
  }
  // Without a retraction the subject still forces L1; "with or without the charger plugged in" is no retraction.
  const dead: Ticket = {
    id: 'u4',
    subject: 'Laptop won’t turn on',
    description: 'Nothing at all, with or without the charger plugged in.',
  };
  expect(classify(dead, policy).severity).toBe('L1');
});

test('the dead-product wordings leave a part, a person, another unit or a weaker fault alone', () => {
  const notDead: Ticket[] = [
    { id: 'n1', subject: 'My order', description: 'Your support team has been completely unresponsive about my order for a week.' },
    { id: 'n2', subject: 'Oven clock', description: 'The clock backlight doesn’t even light up at night, the oven heats fine otherwise.' },
    { id: 'n3', subject: '冰箱', description: '冰箱冷藏室不够冷，冷冻正常。' },
    { id: 'n4', subject: '冷氣', description: '部冷氣唔夠凍，開到最低都係咁。' },
    { id: 'n5', subject: '遥控器', description: '空调遥控器按什么都没用，机身按键是好的。' },
    { id: 'n6', subject: '電視', description: '部電視嘅遙控器冇反應，換咗電都係咁，要行過去撳機身。' },
    {
      id: 'n7',
      subject: 'Fridge delivery',
      description: 'Our old fridge died last week, so the new one arriving two days late cost us a lot of food.',
    },
    { id: 'n8', subject: '换了三台', description: '已经换到第三台了，第一台不开机，这台的门关不严。' },
  ];
  for (const t of notDead) {
    expectNotDead(t);
  }
});
