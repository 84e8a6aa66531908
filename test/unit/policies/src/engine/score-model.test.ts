/**
 * The scoring of a compiled model against references written the plain way: logits as the sum, in the
 * trainer's first-occurrence order, of the artifact's weights looked up by feature name in a Map, and
 * the heaviest features of several outputs (one pass) as a stable sort per output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileModel, rowOf, weightOf } from '../../../../../policies/src/engine/compile-model';
import { featureSetOf } from '../../../../../policies/src/engine/feature-set';
import { hashString, textFeatureHashes } from '../../../../../policies/src/engine/hash-features';
import { WIDTH, type ModelArtifact } from '../../../../../policies/src/engine/model-artifact';
import { heaviestOf, logits, ngramScale } from '../../../../../policies/src/engine/score-model';
import { textFeatures } from '../../../../../policies/src/engine/text-features';

const artifact = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../../../policies/models/triage-model.json'), 'utf8'),
) as ModelArtifact;
const m = compileModel(artifact);
const TEXTS = [
  'the charger sparked and the plug is scorched. i want a refund or i will call my lawyer!\n',
  '充電器冒煙了，外殼都軟了。第三次投訴！\n',
  'my kettle leaks, this is the 3rd time i’ve asked?? 冒烟 usb充電\n',
  '\n',
];

describe('logits', () => {
  it('equals the sum of the Map-looked-up weights in first-occurrence order', () => {
    const weights = new Map(Object.entries(artifact.weights));
    const scaleOf = artifact.weightScale!;
    for (const text of TEXTS) {
      const grams = new Set<string>();
      textFeatures(text, m.fold, 3, 2, grams);
      const known = [...grams].filter((g) => weights.has(g) && m.names[rowOf(m, hashString(g))] === g);
      const rules = [
        'rule:no-such-rule',
        ...Object.keys(artifact.weights)
          .filter((k) => k.startsWith('rule:'))
          .slice(0, 3),
      ];
      const scale = ngramScale(grams.size, artifact.options.ngramCountFloor);
      const want = Float64Array.from(artifact.bias);
      for (let k = 0; k < WIDTH; k++) {
        for (const g of known) want[k] += (weights.get(g)![k] / scaleOf) * scale;
        for (const r of rules) if (weights.has(r)) want[k] += weights.get(r)![k] / scaleOf;
      }
      const s = featureSetOf(m);
      textFeatureHashes(text, m.fold, 3, 2, s);
      const got = logits(m, s, rules);
      expect(Array.from(got.z)).toEqual(Array.from(want));
      expect(got.used.length).toBe(known.length + rules.length - 1);
    }
  });

  it('finds the rule features the same on every call, for new strings with the same text and past its store of rows', () => {
    const known = Object.keys(artifact.weights).filter((k) => k.startsWith('rule:') || k.startsWith('sig:') || k.startsWith('text:'));
    const rules = known.slice(0, 6);
    const want = (z: Float64Array) => {
      const out = Float64Array.from(z);
      for (const r of rules) for (let k = 0; k < WIDTH; k++) out[k] += weightOf(m, rowOf(m, hashString(r)), k);
      return Array.from(out);
    };
    const s = featureSetOf(m);
    textFeatureHashes(TEXTS[0], m.fold, 3, 2, s);
    const base = Float64Array.from(logits(m, s, []).z);
    const z1 = Array.from(logits(m, s, rules).z);
    expect(z1).toEqual(want(base));
    // The same features as strings built anew (not the same string objects).
    expect(
      Array.from(
        logits(
          m,
          s,
          rules.map((r) => `${r.slice(0, 3)}${r.slice(3)}`),
        ).z,
      ),
    ).toEqual(z1);
    // Thousands of strings the model does not know, then the known ones again: nothing added, same sums.
    const unknown = Array.from({ length: 5000 }, (_, i) => `rule:none-${i}`);
    expect(Array.from(logits(m, s, unknown).z)).toEqual(Array.from(base));
    expect(Array.from(logits(m, s, [...unknown.slice(0, 50), ...rules]).z)).toEqual(z1);
    const late = known.slice(6, 9);
    const z2 = logits(m, s, late);
    expect(z2.ruleCount).toBe(3);
    expect(Array.from(z2.used.subarray(z2.used.length - 3))).toEqual(late.map((r) => rowOf(m, hashString(r))));
  });

  it('keeps two sets of logits apart in its two buffers', () => {
    const a = featureSetOf(m);
    textFeatureHashes(TEXTS[0], m.fold, 3, 2, a);
    const first = logits(m, a, [], 1);
    const z1 = Array.from(first.z);
    const b = featureSetOf(m);
    textFeatureHashes(TEXTS[1], m.fold, 3, 2, b);
    const second = logits(m, b, [], 0);
    expect(Array.from(first.z)).toEqual(z1);
    expect(Array.from(second.z)).not.toEqual(z1);
  });
});

describe('heaviestOf', () => {
  /** Per output: the rows' contributions above 0, sorted heaviest first, ties in the order seen (a stable sort). */
  function reference(used: number[], scale: number, ruleCount: number, out: number, k: number): string[] {
    const firstRule = used.length - ruleCount;
    return used
      .map((r, i) => ({ name: m.names[r], v: i >= firstRule ? weightOf(m, r, out) : weightOf(m, r, out) * scale }))
      .filter((x) => x.v > 0)
      .sort((x, y) => y.v - x.v)
      .slice(0, k)
      .map((x) => x.name);
  }

  it('gives each output the top features a pass of its own would, ties included', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let round = 0; round < 200; round++) {
      const n = next() % 300;
      // Repeated rows make ties.
      const used = Array.from({ length: n }, () => next() % (round % 2 ? 50 : m.names.length));
      const ruleCount = Math.min(n, next() % 4);
      const scale = ngramScale(n, 20);
      const outs = Array.from({ length: 1 + (next() % 6) }, () => next() % WIDTH);
      const k = 1 + (next() % 4);
      const got = heaviestOf(m, used, scale, ruleCount, outs, k);
      expect(got).toEqual(outs.map((o) => reference(used, scale, ruleCount, o, k)));
    }
  });
});
