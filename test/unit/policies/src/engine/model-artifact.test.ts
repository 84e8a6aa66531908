/**
 * The v2 artifact stores weights as whole numbers (weight × weightScale): the same model as v1's
 * decimal fractions with as many decimals, in fewer bytes. v1 artifacts still load.
 */
import { classify } from '../../../../../policies/src/engine';
import {
  attachModel,
  compileModel,
  MODEL_FORMAT,
  MODEL_FORMAT_V1,
  modelArtifactProblem,
  type ModelArtifact,
} from '../../../../../policies/src/engine/linear-model';
import { weightsOf } from '../../../../../policies/src/engine/compile-model';
import { trainModel, type LabelledTicket } from '../../../../../policies/src/training/train-model';
import type { Policy } from '../../../../../policies/src/types';
import { loadPolicy } from '../../../../support/test-policy';

const tickets: LabelledTicket[] = ['kettle', 'toaster', 'heater', 'router', '电水壶', '電暖器'].flatMap((p, i) => [
  {
    id: `q${i}`,
    subject: p,
    description: `the ${p} lid wobbles and rattles 盖子会晃`,
    expected: { category: 'quality', severity: 'L2', signals: [] },
  },
  {
    id: `l${i}`,
    subject: p,
    description: `courier left the ${p} at the wrong door 快递放错门口`,
    expected: { category: 'logistics', severity: 'L3', signals: [] },
  },
  {
    id: `s${i}`,
    subject: p,
    description: `the ${p} gave off acrid smoke 冒烟了`,
    expected: { category: 'quality', severity: 'L1', signals: ['safety'] },
  },
]);

/** The same artifact as v1 writes it: each weight as a 3-decimal fraction, parsed from its text. */
function asV1(a: ModelArtifact): ModelArtifact {
  const weights = Object.fromEntries(
    Object.entries(a.weights).map(([k, w]) => [k, JSON.parse(`[${w.map((v) => (v / a.weightScale!).toFixed(3)).join(',')}]`) as number[]]),
  );
  const { weightScale: _, ...rest } = a;
  return { ...rest, format: MODEL_FORMAT_V1, weights };
}

function withModel(base: Policy, artifact: ModelArtifact): Policy {
  const p = {
    ...base,
    classification: { ...base.classification, model: { ...base.classification.model!, file: 'x.json', enabled: true } },
  };
  attachModel(p, compileModel(artifact));
  return p;
}

describe('model artifact v2 (whole-number weights)', () => {
  const rules = loadPolicy();
  attachModel(rules, null);
  const fold = new Map([
    ['電', '电'],
    ['暖', '暖'],
  ]);
  const train = (o: Parameters<typeof trainModel>[5] = {}) =>
    trainModel(tickets, rules, fold, ['synthetic'], '2026-11-30T00:00:00.000Z', { epochs: 6, ...o });
  const v2 = train({ decimals: 3 });

  it('is what the trainer writes: whole numbers and their scale (10^decimals, 2 decimals by default)', () => {
    expect(train().weightScale).toBe(100);
    expect(v2.format).toBe(MODEL_FORMAT);
    expect(v2.weightScale).toBe(1000);
    const all = Object.values(v2.weights).flat();
    expect(all.length).toBeGreaterThan(100);
    expect(all.every(Number.isInteger)).toBe(true);
    expect(all.some((w) => Math.abs(w) > 100)).toBe(true);
    expect(modelArtifactProblem(v2)).toBeNull();
    // fewer bytes than the same weights as v1 writes them
    expect(JSON.stringify(v2.weights).length).toBeLessThan(JSON.stringify(asV1(v2).weights).length * 0.9);
  });

  it('compiles to exactly the weights of the same model written as v1, and classifies identically', () => {
    const v1 = asV1(v2);
    expect(modelArtifactProblem(v1)).toBeNull();
    const [a, b] = [compileModel(v2), compileModel(v1)];
    expect(a.names).toEqual(b.names);
    expect(Array.from(weightsOf(a))).toEqual(Array.from(weightsOf(b)));
    const [p2, p1] = [withModel(loadPolicy(), v2), withModel(loadPolicy(), v1)];
    for (const t of tickets) expect(classify(t, p2)).toEqual(classify(t, p1));
  });

  it('refuses a v2 artifact without a scale, a v1 artifact with one, and an unknown format', () => {
    const { weightScale: _, ...noScale } = v2;
    expect(modelArtifactProblem(noScale)).toMatch(/weightScale must be a positive number/);
    expect(modelArtifactProblem({ ...v2, weightScale: 0 })).toMatch(/weightScale must be a positive number/);
    expect(modelArtifactProblem({ ...asV1(v2), weightScale: 1000 })).toMatch(/weightScale belongs to/);
    expect(modelArtifactProblem({ ...v2, format: 'complaint-desk-linear-v3' })).toMatch(
      /format must be "complaint-desk-linear-v2" or "complaint-desk-linear-v1"/,
    );
  });

  it('with 2 decimals, every weight is within 0.005 of the unrounded one and the tickets classify the same', () => {
    const full = train({ decimals: 9 });
    const short = train();
    const [f, s] = [compileModel(full), compileModel(short)];
    expect(s.names).toEqual(f.names);
    const [fw, sw] = [weightsOf(f), weightsOf(s)];
    let worst = 0;
    for (let i = 0; i < fw.length; i++) worst = Math.max(worst, Math.abs(fw[i] - sw[i]));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThanOrEqual(0.005 + 1e-9);
    const [pf, ps] = [withModel(loadPolicy(), full), withModel(loadPolicy(), short)];
    for (const t of tickets) {
      const [a, b] = [classify(t, pf), classify(t, ps)];
      expect([b.category, b.severity, b.signals]).toEqual([a.category, a.severity, a.signals]);
      expect(Math.abs(b.confidence!.category - a.confidence!.category)).toBeLessThan(0.01);
      expect(Math.abs(b.confidence!.severity - a.confidence!.severity)).toBeLessThan(0.01);
    }
  });
});
