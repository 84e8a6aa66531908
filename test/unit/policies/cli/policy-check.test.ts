import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyCheck } from '../../../../policies/cli/policy-check';
import { policySchemaCommand } from '../../../../policies/cli/policy-schema';
import { memoryIo } from './memory-io';

const root = path.join(__dirname, '../../../..');
const ownWarnings = (err: string) => err.split('\n').filter((l) => l);

describe('policy check', () => {
  test('valid policy: one summary line, exit 0', async () => {
    const m = memoryIo('', { cwd: root });
    expect(await policyCheck(['policies/default.json'], m.io)).toBe(0);
    const lines = m.out().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^policies\/default\.json: OK: policy \S+ \(.+\): \d+ classification rules, \d+ escalation rules, \d+ remedy entries, \d+ calendars; respond\/resolve L1 \d+\/\d+ min/,
    );
    expect(ownWarnings(m.err())).toEqual([]);
  });

  test('a valid policy with ASCII punctuation between Chinese characters: warnings on stderr, still exit 0', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-check-'));
    const raw = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
    raw.scripts.commit.template['zh-CN'] = '我会亲自跟进,并在 {{deadline}} 前给您明确答复。';
    // The model file is found relative to the policy file: point at the repository's.
    if (raw.classification.model) raw.classification.model.file = path.join(root, 'policies', raw.classification.model.file);
    fs.writeFileSync(path.join(dir, 'p.json'), JSON.stringify(raw));
    const m = memoryIo('', { cwd: dir });
    expect(await policyCheck(['p.json'], m.io)).toBe(0);
    expect(ownWarnings(m.err())).toEqual([
      'p.json: warning: scripts.commit.template["zh-CN"]: ASCII "," between Chinese characters (…我会亲自跟进,并在 {{d…) (fix: use the full-width "，" in Chinese text)',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a policy without the cue set its model reads signatures with: the problem and the fix, exit 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-check-'));
    const raw = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
    raw.classification.model.file = path.join(root, 'policies', raw.classification.model.file);
    raw.classification.cues = raw.classification.cues.filter((c: { id: string }) => c.id !== 'signature_not_threat');
    fs.writeFileSync(path.join(dir, 'p.json'), JSON.stringify(raw));
    const m = memoryIo('', { cwd: dir });
    expect(await policyCheck(['p.json'], m.io)).toBe(1);
    expect(m.out()).toContain(
      'p.json: classification.model.file: the model leaves out the signatures that the closing cue set "signature_not_threat" finds',
    );
    expect(m.out()).toContain('(fix: put the cue set "signature_not_threat" (position "closing") back, or retrain the model');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('invalid policy: one line per problem with path and hint, exit 1', async () => {
    const m = memoryIo('', { cwd: root });
    expect(await policyCheck(['test/fixtures/policies/remedy-matrix-gap.json'], m.io)).toBe(1);
    const lines = m.out().split('\n').filter(Boolean);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(
      'test/fixtures/policies/remedy-matrix-gap.json: remedies.matrix: no entry covers category "billing", severity "L1", warranty "in" (fix: add a remedies.matrix entry whose categories include "billing", severities include "L1" and warranty includes "in", or widen an existing entry)',
    );
    expect(m.err()).toBe('test/fixtures/policies/remedy-matrix-gap.json: 6 problem(s); the policy is not valid\n');
  });

  test('bad JSON: line and column', async () => {
    const m = memoryIo('', { cwd: path.join(root, 'test/fixtures/policies') });
    expect(await policyCheck(['bad-json.json'], m.io)).toBe(1);
    expect(m.out()).toMatch(
      /^bad-json\.json: \(line 4, column 3\): invalid JSON: Expected ',' or '}' after property value \(fix: add the missing comma/,
    );
  });

  test('missing file, missing argument, --help', async () => {
    const m = memoryIo('', { cwd: root });
    expect(await policyCheck(['nope.json'], m.io)).toBe(2);
    expect(m.out()).toBe('');
    expect(m.err()).toBe('cannot read nope.json: ENOENT (no such file; check the file name and the current directory)\n');
    const none = memoryIo();
    expect(await policyCheck([], none.io)).toBe(2);
    expect(none.err()).toMatch(/^missing FILE\n\nUsage: complaint-desk policy check FILE/);
    const help = memoryIo();
    expect(await policyCheck(['--help'], help.io)).toBe(0);
    expect(help.out()).toContain('invalid JSON is reported with its line and column');
  });
});

describe('policy schema', () => {
  test('prints exactly the checked-in policies/policy.schema.json', async () => {
    const m = memoryIo();
    expect(await policySchemaCommand([], m.io)).toBe(0);
    expect(m.out()).toBe(fs.readFileSync(path.join(root, 'policies/policy.schema.json'), 'utf8'));
    expect(JSON.parse(m.out()).title).toBe('Complaint Desk policy');
  });

  test('rejects arguments it does not know', async () => {
    const m = memoryIo();
    expect(await policySchemaCommand(['extra'], m.io)).toBe(2);
    expect(m.err()).toMatch(/^unexpected argument\(s\): extra/);
  });
});
