/**
 * How the model's probabilities become decisions (apply-model.ts), with a hand-made artifact whose
 * probabilities are known: per-signal add thresholds (the safety second opinion), a severity chosen
 * at its own threshold, and the category's severity prior from the training labels. The variants are made on one
 * reused default policy object (policyVariant, apply-model-kit.ts), so its rules are compiled once, not per variant;
 * each is classified with before the next is made.
 */
import { classify } from '../../../../../policies/src/engine';
import { ruleFeaturesOf } from '../../../../../policies/src/engine/apply-model';
import { attachModel, compileModel } from '../../../../../policies/src/engine/linear-model';
import { CATEGORY_IDS } from '../../../../../policies/src/ids';
import { biasOnlyArtifact } from '../../../../support/bias-only-model';
import { loadPolicy } from '../../../../support/test-policy';
import { artifact, policyVariant } from './apply-model-kit';

const ticket = { id: 't', subject: 'hello', description: 'hello there' };

describe('apply-model decisions', () => {
  it("categoryPriorCorrection: each category's logit is lowered by tau × log(its training share); nothing without categoryPrior", () => {
    // quality's logit is 2 above the others (P 0.596); quality is 60 % of the training labels, service 10 %
    const prior = [0.6, 0.1, 0.1, 0.1, 0.05, 0.05];
    const a = { ...artifact([0.1, 0.6, 0.3], 0.01), categoryPrior: prior };
    const plain = classify(ticket, policyVariant(a, {}));
    expect(plain.category).toBe('quality');
    expect(plain.confidence!.category).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 5), 5);
    const z = [2, 0, 0, 0, 0, 0].map((v, i) => v - 0.5 * Math.log(prior[i]));
    const sum = z.reduce((t, v) => t + Math.exp(v), 0);
    const half = classify(ticket, policyVariant(a, { categoryPriorCorrection: 0.5 }));
    expect(half.category).toBe('quality');
    expect(half.confidence!.category).toBeCloseTo(Math.exp(z[0]) / sum, 5);
    // strong enough, the least common category with the same score wins over the common one
    expect(classify(ticket, policyVariant(a, { categoryPriorCorrection: 2 })).category).toBe('billing');
    // an artifact trained before categoryPrior existed is read as trained
    const old = classify(ticket, policyVariant(artifact([0.1, 0.6, 0.3], 0.01), { categoryPriorCorrection: 2 }));
    expect(old.confidence!.category).toBeCloseTo(plain.confidence!.category, 10);
  });

  it("addSignalAtBySignal: the model's second opinion adds safety below the general threshold, forces L1 and asks to confirm", () => {
    const a = artifact([0.1, 0.6, 0.3], 0.45);
    expect(classify(ticket, policyVariant(a, {})).signals).not.toContain('safety');
    const c = classify(ticket, policyVariant(a, { addSignalAtBySignal: { safety: 0.4 } }));
    expect(c.signals).toContain('safety');
    expect(c.severity).toBe('L1');
    expect(c.review!.reasons).toContain('model_added:safety');
  });

  it("dropSignalBelowBySignal: a rule's signal the model finds unlikely is dropped at that signal's own threshold, the others keep theirs", () => {
    // legal and repeat_contact both at P 0.3: above the general drop threshold 0.05
    const a = biasOnlyArtifact([0.1, 0.6, 0.3], { safety: 0.01, legal: 0.3, repeat_contact: 0.3 });
    const t = { id: 'v', subject: 'Kettle', description: 'I already emailed about the kettle. Fix it or I will sue.' };
    const plain = classify(t, policyVariant(a, {}));
    expect(plain.signals).toEqual(expect.arrayContaining(['legal', 'repeat_contact']));
    const vetoed = classify(t, policyVariant(a, { dropSignalBelowBySignal: { repeat_contact: 0.5 } }));
    expect(vetoed.signals).toContain('legal');
    expect(vetoed.signals).not.toContain('repeat_contact');
    expect(vetoed.disagreements).toContainEqual({ field: 'signal:repeat_contact', rules: 'yes', model: 'no', kept: 'no' });
    expect(vetoed.confidence!.signals.repeat_contact).toBeCloseTo(0.7, 5);
    // at or above its threshold the rule's signal stays
    expect(classify(t, policyVariant(a, { dropSignalBelowBySignal: { repeat_contact: 0.3 } })).signals).toContain('repeat_contact');
    // a kept signal (keepSignals) is never dropped, whatever its threshold
    const kept = policyVariant(a, { dropSignalBelowBySignal: { repeat_contact: 0.5 }, keepSignals: ['safety', 'repeat_contact'] });
    expect(classify(t, kept).signals).toContain('repeat_contact');
  });

  it('vetoKeptSignalBelow: a kept signal (safety) the model finds very unlikely is dropped, asks for review, and its rule severity does not win', () => {
    // P(safety) 0.1, severity head L2 most probable; the smoke rule sets L1 and safety
    const a = artifact([0.1, 0.6, 0.3], 0.1);
    const t = { id: 's', subject: 'Heater', description: 'The heater started to smoke.' };
    const base = { keepRuleSeverity: ['L1' as const] };
    const kept = classify(t, policyVariant(a, base));
    expect(kept.signals).toContain('safety');
    expect(kept.severity).toBe('L1');
    expect(kept.review!.reasons).not.toContain('model_vetoed:safety');
    const vetoed = classify(t, policyVariant(a, { ...base, vetoKeptSignalBelow: { safety: 0.2 } }));
    expect(vetoed.signals).not.toContain('safety');
    expect(vetoed.severity).toBe('L2');
    expect(vetoed.review!.needed).toBe(true);
    expect(vetoed.review!.reasons).toContain('model_vetoed:safety');
    expect(vetoed.disagreements).toContainEqual({ field: 'signal:safety', rules: 'yes', model: 'no', kept: 'no' });
    expect(vetoed.confidence!.signals.safety).toBeCloseTo(0.9, 5);
    // at or above the veto threshold the rule's safety stands, L1 with it
    const stands = classify(t, policyVariant(a, { ...base, vetoKeptSignalBelow: { safety: 0.1 } }));
    expect(stands.signals).toContain('safety');
    expect(stands.severity).toBe('L1');
    // a rule severity from a rule that does not set the vetoed signal still wins ("completely dead")
    const dead = { id: 'd', subject: 'Heater', description: 'The heater started to smoke and now it is completely dead.' };
    const both = classify(dead, policyVariant(a, { ...base, vetoKeptSignalBelow: { safety: 0.2 } }));
    expect(both.signals).not.toContain('safety');
    expect(both.severity).toBe('L1');
  });

  it('vetoAskedSignalBelow: a hazard the rules found only in questions is vetoed at its own threshold; a stated one keeps the lower', () => {
    // P(safety) 0.5: above vetoKeptSignalBelow 0.3, below vetoAskedSignalBelow 0.8
    const a = artifact([0.1, 0.6, 0.3], 0.5);
    const policy = policyVariant(a, {
      keepRuleSeverity: ['L1'],
      vetoKeptSignalBelow: { safety: 0.3 },
      vetoAskedSignalBelow: { safety: 0.8 },
    });
    const asked = { id: 'q', subject: 'Drinks fridge', description: 'Will the heater smoke if the gap at the back is small?' };
    const got = classify(asked, policy);
    expect(got.matches.some((m) => m.sets.signals?.includes('safety'))).toBe(true);
    expect(got.signals).not.toContain('safety');
    expect(got.review!.reasons).toContain('model_vetoed:safety');
    expect(got.severity).not.toBe('L1');
    // the same words stated (a trap it must not cancel): the lower threshold applies and safety stands
    const stated = classify(
      { id: 's', subject: 'Drinks fridge', description: 'The heater started to smoke. What gap does it need?' },
      policy,
    );
    expect(stated.signals).toContain('safety');
    expect(stated.severity).toBe('L1');
    // a subject's hazard over a body that only asks is asked; over a body that reports it, it stands
    const titled = classify({ id: 't', subject: 'Heater smoke', description: 'Is a little of it normal on first use?' }, policy);
    expect(titled.signals).not.toContain('safety');
    const told = classify({ id: 'u', subject: 'Heater smoke', description: 'It smoked on first use. Is that normal?' }, policy);
    expect(told.signals).toContain('safety');
    // at or above the asked threshold the question's safety stands; without the setting only vetoKeptSignalBelow applies
    expect(classify(asked, policyVariant(artifact([0.1, 0.6, 0.3], 0.8), { vetoAskedSignalBelow: { safety: 0.8 } })).signals).toContain(
      'safety',
    );
    expect(classify(asked, policyVariant(a, { vetoKeptSignalBelow: { safety: 0.3 } })).signals).toContain('safety');
  });

  it("the default policy vetoes a hazard asked about below P 0.8: 'will it catch fire?' at 0.7 asks for review, a stated fire at 0.7 stands", () => {
    // Round 18: left out of training and scored, six writer rounds gave 15 fewer false safety alarms (174 -> 159) with
    // no hazard lost: every hazard found only in questions had P >= 0.93; the false alarms ran 0.3-0.78.
    const p = loadPolicy();
    attachModel(p, compileModel(artifact([0.1, 0.6, 0.3], 0.7)));
    const asked = classify(
      { id: 'q', subject: 'Will this catch fire?', description: 'Putting the fridge in an alcove. What clearance does it need?' },
      p,
    );
    expect(asked.signals).not.toContain('safety');
    expect(asked.review!.reasons).toContain('model_vetoed:safety');
    const stated = classify({ id: 's', subject: 'Fridge caught fire', description: 'The fridge caught fire last night. Who pays?' }, p);
    expect(stated.signals).toContain('safety');
    expect(stated.severity).toBe('L1');
  });

  it("the default policy's safety veto is P 0.3: a smoke hit the model puts at 0.25 asks for review, at 0.32 it stands", () => {
    // Round 17: left out of training and scored, five writer rounds gave 12 fewer false safety alarms at 0.3 than at
    // 0.2 (one more hazard vetoed, and it asked for review); the withheld round-17 set 11 -> 8 with none missed more.
    const p = loadPolicy();
    const t = { id: 'v', subject: 'Heater', description: 'The heater started to smoke.' };
    attachModel(p, compileModel(artifact([0.1, 0.6, 0.3], 0.25)));
    const vetoed = classify(t, p);
    expect(vetoed.signals).not.toContain('safety');
    expect(vetoed.review!.reasons).toContain('model_vetoed:safety');
    attachModel(p, compileModel(artifact([0.1, 0.6, 0.3], 0.32)));
    const stands = classify(t, p);
    expect(stands.signals).toContain('safety');
    expect(stands.severity).toBe('L1');
  });

  it('severityAt: a more severe level is chosen once its probability reaches its threshold, with a low confidence', () => {
    const a = artifact([0.4, 0.45, 0.15], 0.01);
    expect(classify(ticket, policyVariant(a, {})).severity).toBe('L2');
    const c = classify(ticket, policyVariant(a, { severityAt: { L1: 0.35 } }));
    expect(c.severity).toBe('L1');
    expect(c.confidence!.severity).toBeCloseTo(0.4, 5);
    expect(c.review!.reasons).toContain('low_confidence:severity');
    // a threshold for a less severe level never overrides a more severe decision
    expect(classify(ticket, policyVariant(artifact([0.6, 0.3, 0.1], 0.01), { severityAt: { L2: 0.2 } })).severity).toBe('L1');
  });

  it('severityAtWithoutRules: when no rule matched, a guess from the words alone must be surer before it becomes L1', () => {
    const a = artifact([0.4, 0.45, 0.15], 0.01);
    const model = { severityAt: { L1: 0.35 }, severityAtWithoutRules: { L1: 0.5 } };
    const c = classify(ticket, policyVariant(a, model)); // "hello there" matches no rule
    expect(c.matches).toEqual([]);
    expect(c.severity).toBe('L2');
    expect(c.review!.reasons).toContain('no_rule_matched');
    // a matched rule (here only a repeat-contact phrase, which sets no severity) brings severityAt back
    const matched = classify({ id: 't2', subject: 'hello', description: 'hello there, i already emailed' }, policyVariant(a, model));
    expect(matched.matches.length).toBeGreaterThan(0);
    expect(matched.severity).toBe('L1');
    // without the field, severityAt applies to every ticket
    expect(classify(ticket, policyVariant(a, { severityAt: { L1: 0.35 } })).severity).toBe('L1');
  });

  it('severityAtWithoutRules is a floor too: without a rule match, L1 as the most probable level but below it is not L1', () => {
    // "hello there" matches no rule; L1 is the most probable level, but only at 0.38
    const a = artifact([0.38, 0.33, 0.29], 0.01);
    const c = classify(ticket, policyVariant(a, { severityAt: { L1: 0.35 }, severityAtWithoutRules: { L1: 0.4 } }));
    expect(c.matches).toEqual([]);
    expect(c.severity).toBe('L2');
    expect(c.review!.reasons).toContain('no_rule_matched');
    // at the threshold it is L1; with a rule matched, severityAt applies as before
    expect(classify(ticket, policyVariant(artifact([0.4, 0.33, 0.27], 0.01), { severityAtWithoutRules: { L1: 0.4 } })).severity).toBe('L1');
    const matched = classify(
      { id: 't3', subject: 'hello', description: 'hello there, i already emailed' },
      policyVariant(a, { severityAtWithoutRules: { L1: 0.4 } }),
    );
    expect(matched.severity).toBe('L1');
  });

  it("capSeverityRules: a matched rule's level caps the model's severity; kept rule severities and forcing signals still win", () => {
    const a = artifact([0.6, 0.3, 0.1], 0.01); // the words alone say L1
    const caps = { capSeverityRules: ['still_usable_en', 'still_usable_zh'] };
    const works = { id: 'w', subject: 'Washer', description: 'The washer would not do anything yesterday; today it works again.' };
    expect(classify(works, policyVariant(a, {})).severity).toBe('L1');
    const capped = classify(works, policyVariant(a, caps));
    expect(capped.matches.map((m) => m.ruleId)).toContain('still_usable_en');
    expect(capped.severity).toBe('L2');
    expect(classify({ id: 'z', subject: '', description: '洗衣机昨天没反应，今天又能用了。' }, policyVariant(a, caps)).severity).toBe('L2');
    // no cap word: L1 stays
    expect(
      classify({ id: 'n', subject: 'Washer', description: 'The washer would not do anything today.' }, policyVariant(a, caps)).severity,
    ).toBe('L1');
    // a cap never raises a less severe decision
    expect(classify(works, policyVariant(artifact([0.1, 0.2, 0.7], 0.01), caps)).severity).toBe('L3');
    // an L1 rule kept by keepRuleSeverity wins over the cap
    const dead = { id: 'd', subject: 'Fridge', description: 'The fridge stopped cooling completely. The freezer light still works.' };
    const kept = classify(dead, policyVariant(artifact([0.2, 0.7, 0.1], 0.01), { ...caps, keepRuleSeverity: ['L1'] }));
    expect(kept.matches.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['unusable_en', 'still_usable_en']));
    expect(kept.severity).toBe('L1');
    // a forcing signal wins over the cap
    const sparks = { id: 's', subject: 'Kettle', description: 'The kettle threw sparks from the plug; it still works.' };
    const forced = classify(sparks, policyVariant(a, caps));
    expect(forced.signals).toContain('safety');
    expect(forced.severity).toBe('L1');
  });

  it('ngramCountFloor: the one n-gram of a very short text cannot raise safety on its own', () => {
    const a = artifact([0.1, 0.6, 0.3], 0.05);
    // "hello" alone pushes safety hard, as a word seen mostly in hazard reports could
    a.weights = { hello: [0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0] };
    const short = { id: 's', subject: '', description: 'hello' };
    expect(classify(short, policyVariant(a, { addSignalAtBySignal: { safety: 0.4 } })).signals).toContain('safety');
    const floored = { ...a, options: { ...a.options, ngramCountFloor: 50 } };
    const c = classify(short, policyVariant(floored, { addSignalAtBySignal: { safety: 0.4 } }));
    expect(c.signals).not.toContain('safety');
    expect(c.severity).not.toBe('L1');
  });

  it('categorySeverityWeight blends P(severity | category) from the training labels into the severity', () => {
    // quality's row says L3 is common; the head alone slightly prefers L2
    const table = [
      [0.1, 0.2, 0.7],
      [0.3, 0.4, 0.3],
      [0.3, 0.4, 0.3],
      [0.3, 0.4, 0.3],
      [0.3, 0.4, 0.3],
      [0.3, 0.4, 0.3],
    ];
    const a = artifact([0.1, 0.47, 0.43], 0.01, table);
    expect(classify(ticket, policyVariant(a, {})).severity).toBe('L2');
    expect(classify(ticket, policyVariant(a, { categorySeverityWeight: 0.5 })).severity).toBe('L3');
    // without a table in the artifact the weight changes nothing
    expect(classify(ticket, policyVariant(artifact([0.1, 0.47, 0.43], 0.01), { categorySeverityWeight: 0.5 })).severity).toBe('L2');
  });

  it('severityMaskSignals: the severity head reads the ticket without its threat clauses; category still reads them', () => {
    // "sue" (said only in the threat clause) pushes billing and L2 hard; "scratch" mildly L3
    const a = artifact([0.2, 0.4, 0.4], 0.01);
    a.weights = {
      sue: [...CATEGORY_IDS.map((c) => (c === 'billing' ? 12 : 0)), 0, 10, 0, 0, 0, 0, 0, 0, 0],
      scratch: [0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0],
    };
    const t = { id: 'm', subject: 'Lid', description: 'The lid has a small scratch. Pay me $10,000 or I sue.' };
    const off = classify(t, policyVariant(a, {}));
    expect(off.severity).toBe('L2');
    expect(off.why.severity).toMatch(/"sue"/);
    const masked = { ...a, options: { ...a.options, severityMaskSignals: ['legal' as const, 'extortion' as const] } };
    const on = classify(t, policyVariant(masked, {}));
    expect(on.severity).toBe('L3');
    expect(on.why.severity).toMatch(/"scratch"/);
    expect(on.why.severity).not.toMatch(/sue/);
    expect(on.category).toBe('billing'); // the category head read the threat clause
    expect(on.matches.map((m) => m.ruleId)).toEqual(expect.arrayContaining(['legal', 'extortion']));
  });

  it('ruleFeaturesOf: rules, rule signals, punctuation and money amounts joined with the threats', () => {
    const p = loadPolicy();
    const f = ruleFeaturesOf(p, ['r1'], ['legal', 'safety'], 'charged $59 twice! pay $50,000 or I sue. ok?\n');
    expect(f).toEqual([
      'rule:r1',
      'sig:legal',
      'sig:safety',
      'text:question',
      'text:exclaim',
      'amount:large',
      'amount:large+legal',
      'amount:ratio',
      'amount:ratio+legal',
    ]);
    expect(ruleFeaturesOf(p, [], [], '请问怎么设置定时？')).toEqual(['text:question']);
  });
});
