/**
 * The learned layer end to end on a small synthetic corpus: training is deterministic, the model
 * decides category and severity with a confidence and names its heaviest n-grams, rules that force
 * (safety → L1) still win, disagreements and the review state are reported.
 */
import { classify } from '../../../../../policies/src/engine';
import {
  hashString,
  modelArtifactProblem,
  prefixBasis,
  textFeatureHashes,
  textFeatures,
} from '../../../../../policies/src/engine/linear-model';
import { evaluate } from '../../../../../policies/src/training/evaluate';
import { trainModel, type LabelledTicket } from '../../../../../policies/src/training/train-model';
import { loadPolicy } from '../../../../support/test-policy';
import { policyWith } from '../engine/apply-model-kit';

const products = ['kettle', 'toaster', 'blender', 'heater', 'speaker', 'router'];
function corpus(): LabelledTicket[] {
  const out: LabelledTicket[] = [];
  products.forEach((p, i) => {
    out.push({
      id: `q${i}`,
      subject: `${p} wobbles`,
      description: `the ${p} base wobbles and rattles when in use`,
      expected: { category: 'quality', severity: 'L2', signals: [] },
    });
    out.push({
      id: `l${i}`,
      subject: `${p} parcel`,
      description: `the courier left my ${p} parcel at the wrong address`,
      expected: { category: 'logistics', severity: 'L2', signals: [] },
    });
    out.push({
      id: `b${i}`,
      subject: `${p} invoice`,
      description: `please reissue the ${p} invoice with my company name`,
      expected: { category: 'billing', severity: 'L3', signals: [] },
    });
    out.push({
      id: `s${i}`,
      subject: `${p} fumes`,
      description: `the ${p} gave off a sharp acrid fume and went dark`,
      expected: { category: 'quality', severity: 'L1', signals: ['safety'] },
    });
  });
  return out;
}

const fold = new Map([['電', '电']]);
const NOW = '2026-11-30T00:00:00.000Z';

describe('trainModel + classify with the learned layer', () => {
  const rules = loadPolicy();
  const artifact = trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 30 });

  it('keeps threat features out of the severity head (domain.md: threats do not change severity)', () => {
    // every legal threat in this corpus comes with an urgent case: learned freely, "lawyer" would mean L1
    const threats: LabelledTicket[] = products.map((p, i) => ({
      id: `t${i}`,
      subject: `${p} fumes`,
      description: `the ${p} gave off a sharp acrid fume, my lawyer will sue`,
      expected: { category: 'quality', severity: 'L1', signals: ['safety', 'legal'] },
    }));
    const train = (o: object) => trainModel([...corpus(), ...threats], rules, fold, ['synthetic'], NOW, { epochs: 30, ...o });
    const sev = (a: ReturnType<typeof trainModel>, f: string) => a.weights[f]?.slice(6, 9) ?? [0, 0, 0];
    const blind = train({});
    expect(blind.options).toMatchObject({ severityBlindSignals: true });
    expect(sev(blind, 'rule:legal')).toEqual([0, 0, 0]);
    expect(sev(blind, 'sig:legal')).toEqual([0, 0, 0]);
    expect(blind.weights['sig:legal'][9 + 1]).toBeGreaterThan(0); // the legal signal output still learns it
    expect(sev(blind, 'sig:safety').some((w) => w !== 0)).toBe(true); // safety forces L1: it keeps its severity weights
    const free = train({ severityBlindSignals: false });
    expect(sev(free, 'rule:legal')[0]).toBeGreaterThan(0);
  });

  it('severityMaskSignals: the severity head learns nothing from the words of a threat clause; the other heads do', () => {
    // every threat here comes with a trivial L3 problem: the words of the threat must not become L3 (or L2) words
    const threats: LabelledTicket[] = products.map((p, i) => ({
      id: `t${i}`,
      subject: `${p} invoice`,
      description: `please reissue the ${p} invoice, or my lawyer will sue`,
      expected: { category: 'billing', severity: 'L3', signals: ['legal'] },
    }));
    const train = (o: object) => trainModel([...corpus(), ...threats], rules, fold, ['synthetic'], NOW, { epochs: 30, ...o });
    const sev = (a: ReturnType<typeof trainModel>, f: string) => a.weights[f]?.slice(6, 9) ?? [0, 0, 0];
    const masked = train({});
    expect(masked.options).toMatchObject({ severityMaskSignals: ['legal', 'media', 'regulator', 'extortion'] });
    for (const f of ['lawyer', 'my lawyer', 'sue', 'will sue']) {
      expect(sev(masked, f)).toEqual([0, 0, 0]);
      expect(masked.weights[f]?.[9 + 1]).toBeGreaterThan(0); // the legal signal output learns them
    }
    expect(sev(masked, 'invoice')[2]).toBeGreaterThan(0); // the problem's words still teach L3
    const free = train({ severityMaskSignals: [] });
    expect(sev(free, 'lawyer')[2]).toBeGreaterThan(0);
  });

  it('writes a valid, deterministic artifact', () => {
    expect(modelArtifactProblem(artifact)).toBeNull();
    expect(modelArtifactProblem({ ...artifact, bias: [1] })).toMatch(/bias/);
    expect(JSON.stringify(trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 30 }))).toBe(JSON.stringify(artifact));
  });

  it('decides the category of unseen wording from its n-grams, with a confidence and the heaviest n-grams in the why', () => {
    const p = policyWith(artifact, {});
    const c = classify({ id: 'x', subject: 'mixer parcel', description: 'the courier left the mixer parcel at the wrong address' }, p);
    expect(c.category).toBe('logistics');
    expect(c.confidence!.category).toBeGreaterThan(0.5);
    expect(c.why.category).toMatch(/(?:learned model|学习模型).*"(?:courier|parcel|the courier|wrong address)"/);
  });

  it('rules that force win: a sparking appliance stays L1 with safety whatever the model says', () => {
    const p = policyWith(artifact, {});
    const c = classify({ id: 'y', subject: 'invoice', description: 'please reissue the invoice, also the plug sparked' }, p);
    expect(c.signals).toContain('safety');
    expect(c.severity).toBe('L1');
  });

  it('the model adds a signal it is sure of and says the rules disagreed; a low confidence asks for review', () => {
    const p = policyWith(artifact, {});
    const c = classify({ id: 'z', subject: 'toaster fumes', description: 'the toaster gave off a sharp acrid fume and went dark' }, p);
    expect(c.signals).toContain('safety');
    expect(c.severity).toBe('L1');
    const unsure = classify({ id: 'w', subject: 'hello', description: 'hello' }, p);
    expect(unsure.review).toMatchObject({ needed: true });
    expect(unsure.review!.reasons).toContain('no_rule_matched');
  });

  it('disabled in the policy, the rules decide alone', () => {
    const p = policyWith(artifact, {});
    p.classification = { ...p.classification, model: { ...p.classification.model!, enabled: false } };
    const c = classify({ id: 'x', subject: 'mixer parcel', description: 'left at the wrong address' }, p);
    expect(c.confidence).toBeDefined();
    expect(c.disagreements).toEqual([]);
  });

  it('evaluate: accuracy, confusion, L1 recall and per-signal F1', () => {
    const p = policyWith(artifact, {});
    const r = evaluate(corpus().map((ticket) => ({ ticket, got: classify(ticket, p) })));
    expect(r.n).toBe(24);
    expect(r.l1.total).toBe(6);
    expect(
      r.confusion.quality.quality +
        r.confusion.quality.logistics +
        r.confusion.quality.billing +
        r.confusion.quality.usage +
        r.confusion.quality.service +
        r.confusion.quality.other,
    ).toBe(12);
    expect(r.signals.safety.tp + r.signals.safety.fn).toBe(6);
  });
});

describe('run-time features', () => {
  it('textFeatureHashes gives exactly the hashes of the n-gram strings the trainer uses', () => {
    const fold = new Map([
      ['電', '电'],
      ['殼', '壳'],
    ]);
    const text = "the charger's case went soft. 充電器外殼變軟了！ 2 pins, 3rd time\nnew line";
    const strings = new Set<string>();
    textFeatures(text, fold, 3, 2, strings);
    const hashes = new Set<number>();
    textFeatureHashes(text, fold, 3, 2, hashes);
    expect(new Set([...strings].map(hashString))).toEqual(hashes);
    expect(strings).toContain('充电器');
    expect(strings).toContain('charger case');
    for (const ascii of ["The CHARGER's case went soft; it's 3rd time!! Sparks flies... 'quoted' studies boxes", 'a b. c\nd e']) {
      const s2 = new Set<string>();
      textFeatures(ascii, fold, 3, 2, s2);
      const h2 = new Set<number>();
      textFeatureHashes(ascii, fold, 3, 2, h2);
      expect(new Set([...s2].map(hashString))).toEqual(h2);
    }
  });

  it("with a prefix basis, the hashes of the prefixed strings (the subject's own `s:` features)", () => {
    const fold = new Map([['電', '电']]);
    for (const text of ['Charger SPARKED twice; 3rd time', '充電器冒煙 charger smoke']) {
      const strings = new Set<string>();
      textFeatures(text, fold, 3, 2, strings);
      const hashes = new Set<number>();
      textFeatureHashes(text, fold, 3, 2, hashes, prefixBasis('s:'));
      expect(new Set([...strings].map((g) => hashString(`s:${g}`)))).toEqual(hashes);
    }
  });
});

describe('subject features, severity prior and artifact shape', () => {
  const rules = loadPolicy();

  it("the trainer learns the subject's own n-grams and P(severity | category), and records its options", () => {
    const a = trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 5 });
    expect(a.options).toMatchObject({ subjectNgrams: true, ruleDropout: 0.45 }); // the default policy's training.ruleDropout
    expect(Object.keys(a.weights).some((k) => k.startsWith('s:'))).toBe(true);
    // quality: 6 L2 + 6 L1, add-one smoothed over 3 levels → 7/15, 7/15, 1/15
    expect(a.severityGivenCategory![0]).toEqual([0.467, 0.467, 0.067]);
    // the training labels' category shares, add-one smoothed: 12 quality, 6 logistics, 6 billing of 24 (+6)
    expect(a.categoryPrior).toEqual([0.4333, 0.2333, 0.0333, 0.0333, 0.2333, 0.0333]);
    const off = trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 5, subjectNgrams: false });
    expect(Object.keys(off.weights).some((k) => k.startsWith('s:'))).toBe(false);
  });

  it('questionShares: a body of questions only is learned as a feature and the thresholds are recorded; off, the artifact is as before', () => {
    const asks = (id: string, p: string): LabelledTicket => ({
      id,
      subject: `${p} fee`,
      description: `What does the ${p} plan cost per month? Is the first month free?`,
      expected: { category: 'billing', severity: 'L3', signals: [] },
    });
    const tickets = [...corpus(), ...products.map((p, i) => asks(`a${i}`, p))];
    const a = trainModel(tickets, rules, fold, ['synthetic'], NOW, { epochs: 5 });
    expect(a.options.questionShares).toEqual([0.5, 1]); // the default policy's training.questionShares
    expect(Object.keys(a.weights)).toEqual(expect.arrayContaining(['text:questions:50', 'text:questions:100']));
    const off = trainModel(tickets, rules, fold, ['synthetic'], NOW, { epochs: 5, questionShares: [] });
    expect(Object.keys(off.weights).some((k) => k.startsWith('text:questions:'))).toBe(false);
    expect(off.options).not.toHaveProperty('questionShares');
  });

  /** The model's P(safety) for a hazard worded so that no rule matches ("sharp smell", not "acrid" or "fumes"). */
  const unruledSafety = (a: ReturnType<typeof trainModel>) => {
    const ticket = { id: 'x', subject: 'speaker went dark', description: 'the speaker gave off a sharp smell and went dark' };
    const c = classify(ticket, policyWith(a, { addSignalAt: 0.99 }));
    expect(c.matches.filter((m) => m.sets.signals?.includes('safety'))).toEqual([]);
    return 1 - c.confidence!.signals.safety!;
  };

  it('ruleDropoutBySignal: a safety head with its own higher rule dropout puts more of the signal on the words', () => {
    // Every hazard in the corpus is matched by safety rules (fumes, acrid): with the shared dropout the safety head can
    // lean on the rule features; with its own, it must learn the hazard's words too.
    const train = (o: object) => trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 30, ...o });
    expect(train({ epochs: 1 }).options.ruleDropoutBySignal).toEqual({ safety: 0.8 }); // the default policy's
    const shared = train({ ruleDropoutBySignal: {} });
    const own = train({ ruleDropoutBySignal: { safety: 0.9 } });
    expect(own.options.ruleDropoutBySignal).toEqual({ safety: 0.9 });
    expect(shared.options).not.toHaveProperty('ruleDropoutBySignal');
    expect(unruledSafety(own)).toBeGreaterThan(unruledSafety(shared) + 0.05);
    const safety = (a: typeof own, f: string) => (a.weights[f]?.[9] ?? 0) / a.weightScale!;
    expect(safety(own, 'sig:safety')).toBeLessThan(safety(shared, 'sig:safety'));
    // The other heads read the rules with the shared dropout: the rule feature keeps its category and severity weights.
    expect(own.weights['rule:safety_burn_smell_en'].slice(0, 9).some((w) => w !== 0)).toBe(true);
  });

  it('signalPositiveWeight: weighting safety positives raises P(safety) on a hazard worded without any rule', () => {
    const train = (o: object) => trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 30, ...o });
    // with the shared rule dropout, where the words alone leave P(safety) low
    const weighted = train({ ruleDropoutBySignal: {}, signalPositiveWeight: { safety: 4 } });
    expect(weighted.options.signalPositiveWeight).toEqual({ safety: 4 });
    expect(unruledSafety(weighted)).toBeGreaterThan(unruledSafety(train({ ruleDropoutBySignal: {} })) + 0.05);
  });

  it('averageRuns averages the weights of runs seeded seed, seed+1, … into one model of the same size', () => {
    const one = (seed: number) =>
      trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 5, seed, averageRuns: 1, decimals: 6, pruneBelow: 0 });
    const [a, b, c] = [one(7), one(8), one(9)];
    const avg = trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 5, seed: 7, averageRuns: 3, decimals: 6, pruneBelow: 0 });
    expect(avg.options.averageRuns).toBe(3);
    const names = Object.keys(avg.weights);
    expect(names.length).toBeGreaterThan(10);
    expect(avg.weightScale).toBe(1e6);
    const w = (m: typeof avg, f: string, k: number) => (m.weights[f]?.[k] ?? 0) / m.weightScale!;
    for (const f of names) {
      const mean = avg.weights[f].map((_, k) => (w(a, f, k) + w(b, f, k) + w(c, f, k)) / 3);
      // each run's weights are rounded to 1e-6 in its artifact, the average before rounding
      avg.weights[f].forEach((_, k) => expect(Math.abs(w(avg, f, k) - mean[k])).toBeLessThan(2e-6));
    }
    avg.bias.forEach((w, k) => expect(Math.abs(w - (a.bias[k] + b.bias[k] + c.bias[k]) / 3)).toBeLessThan(2e-6));
    // the runs differ (else averaging would do nothing)
    expect(JSON.stringify(a.weights)).not.toBe(JSON.stringify(b.weights));
  });

  it('modelArtifactProblem refuses a malformed severityGivenCategory', () => {
    const a = trainModel(corpus(), rules, fold, ['synthetic'], NOW, { epochs: 2 });
    expect(modelArtifactProblem({ ...a, severityGivenCategory: [[1, 2]] })).toMatch(/severityGivenCategory/);
    expect(modelArtifactProblem({ ...a, severityGivenCategory: undefined })).toBeNull();
    expect(modelArtifactProblem({ ...a, categoryPrior: [0.5, 0.5] })).toMatch(/categoryPrior/);
    expect(modelArtifactProblem({ ...a, categoryPrior: [1, 0, 0, 0, 0, 0] })).toMatch(/categoryPrior/);
    expect(modelArtifactProblem({ ...a, categoryPrior: undefined })).toBeNull();
  });
});
