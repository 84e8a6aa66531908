/**
 * The run-time features must reach the model in the order the trainer's strings first occur: the
 * logits add the known rows in that order, so a different order changes floating-point sums (and the
 * "why" ties). These check the order, not only the set, for every word n-gram size and script path,
 * and that FeatureSet (with its table growing) keeps exactly a Set<number>'s distinct hashes and rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { compileModel, rowOf } from '../../../../../policies/src/engine/compile-model';
import { FeatureSet, featureSetOf } from '../../../../../policies/src/engine/feature-set';
import { hashString, prefixBasis, textFeatureHashes } from '../../../../../policies/src/engine/hash-features';
import type { ModelArtifact } from '../../../../../policies/src/engine/model-artifact';
import { textFeatures } from '../../../../../policies/src/engine/text-features';

// '器' folds to a char outside the BMP (two UTF-16 units): Han runs with it take the string path.
const fold = new Map([
  ['電', '电'],
  ['殼', '壳'],
  ['煙', '烟'],
  ['器', '𠀀'],
]);
const TEXTS = [
  "The CHARGER's case went soft; it's 3rd time!! Sparks flies... 'quoted' studies boxes",
  'a b. c\nd e? f; g! h',
  "the charger's case went soft. 充電器外殼變軟了！ 2 pins, 3rd time\nnew line",
  'companies charging charged the boxes class kisses ok ok ok the the',
  '',
  '...',
  '手机冒煙了。電池殼變形！充电宝也是 usb充電 ok',
  '充電器冒煙 … 中𠀀文電 𠀀電 — it’s the 3rd time’s',
];

/** The distinct hashes in the order a sink first receives them. */
function orderOf(text: string, wordN: number, basis?: number): number[] {
  const seen = new Set<number>();
  textFeatureHashes(text, fold, 3, wordN, { add: (h: number) => seen.add(h) }, basis);
  return [...seen];
}

describe('textFeatureHashes order', () => {
  for (const wordN of [1, 2, 3]) {
    it(`gives the hashes in the trainer's first-occurrence order (word ${wordN}-grams)`, () => {
      for (const text of TEXTS) {
        const strings = new Set<string>();
        textFeatures(text, fold, 3, wordN, strings);
        expect(orderOf(text, wordN)).toEqual([...strings].map(hashString));
        expect(orderOf(text, wordN, prefixBasis('s:'))).toEqual([...strings].map((g) => hashString(`s:${g}`)));
      }
    });
  }
});

describe('FeatureSet', () => {
  const artifact = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../../../../policies/models/triage-model.json'), 'utf8'),
  ) as ModelArtifact;
  const m = compileModel(artifact);

  it('holds the distinct hashes and, in first-occurrence order, the rows the model knows', () => {
    // Model features first (known rows), then thousands of hashes: the table grows past its first size.
    const hashes = [...m.names.slice(0, 300).map(hashString)];
    for (let i = 0; i < 9000; i++) hashes.push((Math.imul(i + 1, 0x2545f491) >>> 2) & 0x3fffffff);
    hashes.push(...hashes.slice(0, 500)); // repeats add nothing
    for (const round of [0, 1]) {
      // the second round checks that reset empties a grown table
      const s = featureSetOf(m);
      expect(s.size).toBe(0);
      const want = new Set<number>();
      for (const h of round ? [...hashes].reverse() : hashes) {
        s.add(h);
        want.add(h);
      }
      expect(s.size).toBe(want.size);
      const rows = [...want].map((h) => rowOf(m, h)).filter((r) => r >= 0);
      expect(rows.length).toBeGreaterThanOrEqual(300);
      expect(Array.from(s.known.subarray(0, s.knownCount))).toEqual(rows);
    }
  });

  it('starts empty after reset, without stale hashes', () => {
    const s = new FeatureSet(m);
    s.add(hashString('charger'));
    s.reset();
    s.add(hashString('charger'));
    expect(s.size).toBe(1);
  });
});

describe('FeatureSet rows looked up in batches', () => {
  const artifact = JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../../../../policies/models/triage-model.json'), 'utf8'),
  ) as ModelArtifact;
  const m = compileModel(artifact);

  it('gives the same rows when read between adds as when read once at the end', () => {
    const hashes = m.names.slice(0, 50).map(hashString);
    for (let i = 0; i < 50; i++) hashes.splice(i * 2, 0, (Math.imul(i + 7, 0x2545f491) >>> 2) & 0x3fffffff);
    const s = featureSetOf(m);
    const seen: number[] = [];
    for (const h of hashes) {
      s.add(h);
      const r = rowOf(m, h);
      if (r >= 0 && !seen.includes(r)) seen.push(r);
      expect(Array.from(s.known.subarray(0, s.knownCount))).toEqual(seen);
    }
  });
});
