/**
 * The learned layer: a linear model over character n-grams (Chinese), word n-grams (English)
 * and the rules that matched, with three heads — category (softmax), severity (softmax) and one
 * sigmoid per signal. Trained by `complaint-desk model train` into a JSON artifact. Pure and
 * browser-safe; the artifact is loaded by the server (policies/server/load-model.ts).
 *
 * One entry point over its parts: the artifact (model-artifact.ts), compiling it (compile-model.ts),
 * attaching it to a policy (attach-model.ts, model-registry.ts), features as strings for training (text-features.ts) and as hashes at run
 * time (hash-features.ts, feature-set.ts), and scoring (score-model.ts).
 */
export {
  CAT0,
  MODEL_FORMAT,
  MODEL_FORMAT_V1,
  OUTPUTS,
  SEV0,
  SIG0,
  SUBJECT_PREFIX,
  WIDTH,
  modelArtifactProblem,
  weightScaleOf,
  type ModelArtifact,
} from './model-artifact';
export { compileModel, rowOf, type LinearModel } from './compile-model';
export { attachModel } from './attach-model';
export { modelOf } from './model-registry';
export { stem, textFeatures } from './text-features';
export { hashString, prefixBasis, textFeatureHashes, type HashSink } from './hash-features';
export { FeatureSet, featureSetOf } from './feature-set';
export { logits, scoresOf, type ModelScores } from './score-model';
