/**
 * Shared by the paragraph-reading tests (passage-signals, passage-severity): a paragraph that only dilutes, and a
 * reader that fills the model's feature set with a text's n-grams as a passage is read.
 */
import type { LinearModel } from '../../../../../policies/src/engine/compile-model';
import { featureSetOf } from '../../../../../policies/src/engine/feature-set';
import { textFeatureHashes } from '../../../../../policies/src/engine/hash-features';

/** 60 distinct words no rule matches ("qaa qba …"): a paragraph that dilutes. */
export const filler = Array.from(
  { length: 60 },
  (_, i) => `q${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
).join(' ');

/** The model's feature set filled with a text's character 3-grams and word 2-grams. */
export function ngramReader(model: LinearModel) {
  return (text: string) => {
    const fs = featureSetOf(model);
    textFeatureHashes(text, model.fold, 3, 2, fs);
    return fs;
  };
}
