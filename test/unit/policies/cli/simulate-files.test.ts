/** `simulate` with a ticket file that is not clean JSONL, or not a file at all. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulate } from '../../../../policies/cli/simulate';
import { memoryIo } from './memory-io';

const root = path.join(__dirname, '../../../..');
const NOW = '2026-11-22T10:00:00.000Z';
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cd-simulate-files-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(tickets: string) {
  const m = memoryIo('', { cwd: root });
  const code = await simulate(['--policy', 'policies/default.json', '--tickets', tickets, '--now', NOW, '--json'], m.io);
  return {
    code,
    out: m
      .out()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
    err: m.err(),
  };
}

describe('simulate: bad ticket files', () => {
  test('BOM, CRLF, blank lines, binary, truncated JSON, a non-object and a wrong type: the bad lines named, the good ones simulated, exit 1', async () => {
    const file = path.join(dir, 'mixed.jsonl');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('\uFEFF{"id":"g1","subject":"my parcel is late"}\r\n\r\n', 'utf8'),
        Buffer.from([0x00, 0x9f, 0x92, 0x0a]),
        Buffer.from(
          '{"id":"t3","subject":"cut off\n[1,2,3]\n{"id":"w5","orderAmount":"lots"}\n{"id":"g2","subject":"rude agent on the phone"}\n',
          'utf8',
        ),
      ]),
    );
    const r = await run(file);
    expect(r.code).toBe(1);
    expect(r.out.filter((o) => o.id).map((o) => o.id)).toEqual(['g1', 'g2']);
    expect(r.out[r.out.length - 1].summary).toMatchObject({ tickets: 2, failed: 4 });
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      'line 3: binary data, not UTF-8 JSON text',
      'line 4: invalid JSON at column 30',
      'line 5: not a ticket: each line must be a JSON object such as {"id": "…", "subject": "…"} (got an array)',
      'line 6 (id "w5"): not a ticket: orderAmount: Invalid input: expected number, received string',
    ]);
    expect(r.err).not.toContain('cut off'); // never the line's text
  });

  test('a directory, a FIFO, a missing file: one line each, exit 2, nothing simulated', async () => {
    fs.mkdirSync(path.join(dir, 'folder'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.jsonl')]);
    const cases: [string, string][] = [
      [path.join(dir, 'folder'), 'it is a directory'],
      [path.join(dir, 'fifo.jsonl'), 'it is not a regular file (a FIFO / named pipe)'],
      [path.join(dir, 'nope.jsonl'), 'ENOENT (no such file'],
    ];
    for (const [file, why] of cases) {
      const r = await run(file);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.err).toContain(`cannot read --tickets ${file}: ${why}`);
    }
  });
});
