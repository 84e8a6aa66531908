/**
 * `policy check` on things that are not a readable policy file: each gets ONE clear line on stderr
 * (what, which file, how to fix) and exit 2 (nothing was checked), never a hang or a stack trace.
 * Run as root, so "unreadable" is a directory and a FIFO (permission bits do not stop root).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { policyCheck } from '../../../../policies/cli/policy-check';
import { classifyStream } from '../../../../policies/cli/classify-stream';
import { memoryIo } from './memory-io';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-policy-files-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function check(file: string): Promise<{ code: number; out: string; err: string }> {
  const m = memoryIo('', { cwd: dir });
  const code = await policyCheck([file], m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('policy check: unreadable inputs', () => {
  test('a directory', async () => {
    fs.mkdirSync(path.join(dir, 'policies-folder'));
    expect(await check('policies-folder')).toEqual({
      code: 2,
      out: '',
      err: 'cannot read policies-folder: it is a directory (give the path of a file inside it)\n',
    });
  });

  test('a missing file, and a path through a file', async () => {
    expect(await check('missing.json')).toEqual({
      code: 2,
      out: '',
      err: 'cannot read missing.json: ENOENT (no such file; check the file name and the current directory)\n',
    });
    fs.writeFileSync(path.join(dir, 'plain.txt'), 'x');
    expect(await check('plain.txt/policy.json')).toEqual({
      code: 2,
      out: '',
      err: 'cannot read plain.txt/policy.json: ENOTDIR (a part of the path is a file, not a folder)\n',
    });
  });

  test('a FIFO with no writer: refused at once instead of blocking forever', async () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    expect(await check('pipe.json')).toEqual({
      code: 2,
      out: '',
      err: 'cannot read pipe.json: it is not a regular file (a FIFO / named pipe); save the content to a file and pass that\n',
    });
  });

  test('a 20 MB file: refused by size without parsing it', async () => {
    const file = path.join(dir, 'huge.json');
    fs.writeFileSync(file, `{"version": "x", "pad": "${'a'.repeat(20 * 1024 * 1024)}"}`);
    expect(await check('huge.json')).toEqual({
      code: 2,
      out: '',
      err: 'cannot read huge.json: it is too large (20.0 MB; at most 5.0 MB); is this the right file?\n',
    });
  });

  test('a UTF-8 BOM before valid JSON is accepted', async () => {
    // The copy names the repository's model by its absolute path (a model file is relative to its policy).
    const policies = path.join(__dirname, '../../../../policies');
    const text = fs
      .readFileSync(path.join(policies, 'default.json'), 'utf8')
      .replace('"models/triage-model.json"', JSON.stringify(path.join(policies, 'models/triage-model.json')));
    fs.writeFileSync(path.join(dir, 'bom.json'), `\uFEFF${text}`);
    const r = await check('bom.json');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^bom\.json: OK: policy /);
  });

  test('classify --policy with a directory: the same one line, exit 2, stdin not read', async () => {
    const m = memoryIo('{"id":"1","subject":"x"}\n', { cwd: dir });
    expect(await classifyStream(['--policy', 'policies-folder'], m.io)).toBe(2);
    expect(m.err()).toBe('cannot read policies-folder: it is a directory (give the path of a file inside it)\n');
    expect(m.out()).toBe('');
  });
});
