/**
 * Preparing a policy costs seconds (phrases widened into both Chinese scripts, the model parsed and compiled), so
 * commands refuse bad arguments and unusable input files before they prepare it, and the commands that classify
 * by the rules alone (eval --rules-only, model train, model cv) never read the model file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as cliIo from '../../../../policies/cli/cli-io';
import { evalCommand } from '../../../../policies/cli/eval';
import { modelCvCommand } from '../../../../policies/cli/model-cv';
import { modelTrainCommand } from '../../../../policies/cli/model-train';
import { simulate } from '../../../../policies/cli/simulate';
import { preparePolicy } from '../../../../policies/server/load-model';
import { memoryIo } from './memory-io';

// preparePolicy (widening the phrases, reading and compiling the model), counted.
jest.mock('../../../../policies/server/load-model', () => {
  const actual = jest.requireActual('../../../../policies/server/load-model');
  return { ...actual, preparePolicy: jest.fn(actual.preparePolicy) };
});
const prepared = preparePolicy as jest.MockedFunction<typeof preparePolicy>;

const L = (id: string, description: string, category: string, severity: string, signals: string[] = []) => ({
  id,
  subject: '',
  description,
  expected: { category, severity, signals },
});
const tickets = Array.from({ length: 12 }, (_, i) =>
  i % 2
    ? L(`b${i}`, `I was charged twice for order ${5500 + i}, please refund one payment.`, 'billing', 'L2')
    : L(`s${i}`, `The charger sparked in the socket on day ${i} and there is a burning smell.`, 'quality', 'L1', ['safety']),
);

let dir: string;
let policyFile: string;
const modelFile = () => path.join(dir, 'models', 'm.json');
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-args-first-'));
  const write = (name: string, rows: unknown[]) =>
    fs.writeFileSync(path.join(dir, name), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  write('few.jsonl', tickets.slice(0, 2));
  write('many.jsonl', tickets);
  // A copy of the built-in policy beside its own copy of the shipped model, so the reads of that file can be seen.
  const root = cliIo.builtInPolicyDir();
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'default.json'), 'utf8'));
  fs.mkdirSync(path.dirname(modelFile()));
  fs.copyFileSync(path.join(root, policy.classification.model.file), modelFile());
  policy.classification.model.file = 'models/m.json';
  policyFile = path.join(dir, 'policy.json');
  fs.writeFileSync(policyFile, JSON.stringify(policy));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

it.each([
  ['model train --threads 0', () => modelTrainCommand()(['many.jsonl', '--threads', '0'], memoryIo('', { cwd: dir }).io)],
  ['model train few.jsonl', () => modelTrainCommand()(['few.jsonl'], memoryIo('', { cwd: dir }).io)],
  ['model train missing.jsonl', () => modelTrainCommand()(['missing.jsonl'], memoryIo('', { cwd: dir }).io)],
  [
    'model train --with-corrections (no database)',
    () => modelTrainCommand()(['many.jsonl', '--with-corrections'], memoryIo('', { cwd: dir }).io),
  ],
  ['model cv few.jsonl', () => modelCvCommand(['few.jsonl'], memoryIo('', { cwd: dir }).io)],
  ["model cv --leave-out '^zz'", () => modelCvCommand(['many.jsonl', '--leave-out', '^zz'], memoryIo('', { cwd: dir }).io)],
  ['model cv missing.jsonl', () => modelCvCommand(['missing.jsonl'], memoryIo('', { cwd: dir }).io)],
  ['eval missing.jsonl', () => evalCommand(['missing.jsonl'], memoryIo('', { cwd: dir }).io)],
  [
    'simulate --tickets missing.jsonl',
    () => simulate(['--policy', policyFile, '--tickets', 'missing.jsonl'], memoryIo('', { cwd: dir }).io),
  ],
])('%s is refused (exit 2) without preparing the policy', async (_name, run) => {
  prepared.mockClear();
  expect(await run()).toBe(2);
  expect(prepared).not.toHaveBeenCalled();
});

/** The eval report of many.jsonl and whether the model file was read while producing it. */
async function evalReadsModel(args: string[]): Promise<{ code: number; report: unknown; readModel: boolean }> {
  const readFileSync = jest.spyOn(fs, 'readFileSync');
  const m = memoryIo('', { cwd: dir });
  const code = await evalCommand(['many.jsonl', '--policy', policyFile, '--json', ...args], m.io);
  const readModel = readFileSync.mock.calls.some(([f]) => typeof f === 'string' && path.resolve(dir, f) === modelFile());
  readFileSync.mockRestore();
  return { code, report: JSON.parse(m.out()), readModel };
}

it('eval --rules-only never reads the model file (and eval without it does)', async () => {
  const rulesOnly = await evalReadsModel(['--rules-only', '--min-l1-recall', '0']);
  expect(rulesOnly.code).toBe(0);
  expect(rulesOnly.readModel).toBe(false);
  const withModel = await evalReadsModel(['--min-l1-recall', '0']);
  expect(withModel.code).toBe(0);
  expect(withModel.readModel).toBe(true);
});

it('model train reads the tickets and the policy, not the model file it replaces', async () => {
  const readFileSync = jest.spyOn(fs, 'readFileSync');
  const m = memoryIo('', { cwd: dir });
  const out = path.join(dir, 'trained.json');
  expect(await modelTrainCommand()(['many.jsonl', '--policy', policyFile, '--out', out, '--epochs', '1', '--threads', '1'], m.io)).toBe(0);
  expect(readFileSync.mock.calls.some(([f]) => typeof f === 'string' && path.resolve(dir, f) === modelFile())).toBe(false);
  expect(JSON.parse(fs.readFileSync(out, 'utf8')).examples).toBe(tickets.length);
});
