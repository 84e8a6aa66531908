/**
 * A hand-made model artifact whose probabilities are known, for tests of how the model combination
 * decides: bias only, no weights, so every text gets category quality (clearly first), severity
 * P(L1, L2, L3) = `sev`, and P(signal) = `signals[signal]` (a signal not named: logit −9, ≈ 0.0001).
 */
import { MODEL_FORMAT, type ModelArtifact } from '../../policies/src/engine/linear-model';
import { SIGNAL_IDS, type SignalId } from '../../policies/src/ids';

export const logit = (p: number) => Math.log(p / (1 - p));

export function biasOnlyArtifact(sev: [number, number, number], signals: Partial<Record<SignalId, number>> = {}): ModelArtifact {
  const signalBias = SIGNAL_IDS.map((s) => (signals[s] === undefined ? -9 : logit(signals[s])));
  return {
    format: MODEL_FORMAT,
    weightScale: 1,
    trainedAt: '2026-12-01T00:00:00.000Z',
    examples: 0,
    sources: [],
    options: { charNgrams: 3, wordNgrams: 2, epochs: 1, l2: 0, minCount: 1 },
    fold: {},
    bias: [2, 0, 0, 0, 0, 0, ...sev.map(Math.log), ...signalBias],
    weights: {},
  };
}
