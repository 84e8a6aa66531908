/**
 * A small model, trained the way `model train` trains (the default policy's rules and training options, the
 * traditional → simplified fold map; one SGD run of 3 epochs on every 100th training ticket), and the default
 * policy naming it: for tests of how a model file is read, checked, cached and attached, where the shipped model
 * (20 MB; about a second of CPU per load or hash, several per cold preparation) is only cost. Tests about the
 * shipped model's answers keep using it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { foldMap } from '../../policies/server/opencc';
import { cacheKey, readCached, writeCached } from '../../policies/server/prepare-cache';
import { trainModel, type LabelledTicket } from '../../policies/src/training/train-model';
import { loadPolicy } from './test-policy';

const ROOT = path.resolve(__dirname, '../..');

export interface SmallModel {
  /** The folder the policy's model path is relative to (the baseDir of preparePolicy). */
  baseDir: string;
  /** The model file's absolute path (`models/small-model.json` under baseDir). */
  file: string;
  /** policies/default.json with `classification.model.file` naming the small model (no SHA-256 pin). */
  policyText: string;
}

/**
 * Trained models, kept between test files (three train the same one: about 2 s of CPU each) in the preparation
 * cache's format, keyed by the training set, the policy, this file and the policies code (cacheKey), so an entry
 * can only be the model this code would train. An unusable folder only means training.
 */
const TRAINED = { COMPLAINT_DESK_CACHE_DIR: path.join(os.tmpdir(), 'complaint-desk-test-small-models') };

function trainedModelText(): string {
  const trainText = fs.readFileSync(path.join(ROOT, 'policies/training/train.jsonl'));
  const key = cacheKey('small-model', trainText, fs.readFileSync(path.join(ROOT, 'policies/default.json')), fs.readFileSync(__filename));
  const kept = readCached(key, TRAINED);
  if (kept) return kept.toString('utf8');
  // the bytes the key was made of, parsed once (a second read could differ from what the key names)
  const tickets = trainText
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim())
    .filter((_, i) => i % 100 === 0)
    .map((l) => JSON.parse(l) as LabelledTicket);
  const artifact = trainModel(tickets, loadPolicy(), foldMap(), ['train.jsonl (every 100th)'], '2026-12-02T00:00:00.000Z', {
    epochs: 3,
    averageRuns: 1,
  });
  const text = `${JSON.stringify(artifact)}\n`; // as `model train` writes it
  writeCached(key, Buffer.from(text, 'utf8'), TRAINED, 4);
  return text;
}

/** Writes the small model into `<dir>/models/small-model.json` (trained once per code version: 1-2 s of CPU). */
export function writeSmallModel(dir: string): SmallModel {
  const file = path.join(dir, 'models', 'small-model.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, trainedModelText());
  const policy = JSON.parse(fs.readFileSync(path.join(ROOT, 'policies/default.json'), 'utf8'));
  policy.classification.model = { ...policy.classification.model, file: 'models/small-model.json' };
  delete policy.classification.model.sha256;
  return { baseDir: dir, file, policyText: JSON.stringify(policy, null, 2) };
}
