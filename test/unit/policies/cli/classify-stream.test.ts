import fs from 'node:fs';
import path from 'node:path';
import { classifyStream } from '../../../../policies/cli/classify-stream';
import { lines } from '../../../../policies/cli/read-tickets';
import { CATEGORY_IDS, SEVERITY_IDS, SIGNAL_IDS } from '../../../../policies/src/ids';
import { Readable } from 'node:stream';
import { COMPLAINTS_FILE } from '../../../support/complaints';
import { memoryIo } from './memory-io';
import { parseJsonl as jsonl } from '../../../support/read-jsonl';

const root = path.join(__dirname, '../../../..');
const samplesFile = COMPLAINTS_FILE;

describe('classify (streaming JSONL)', () => {
  test("classifies the project's complaints: one line per ticket, in order, with explaining matches", async () => {
    const input = fs.readFileSync(samplesFile, 'utf8');
    const tickets = jsonl(input);
    const m = memoryIo(input);
    expect(await classifyStream([], m.io)).toBe(0);
    expect(m.err()).toBe('');
    const out = jsonl(m.out());
    expect(out.map((o) => o.id)).toEqual(tickets.map((t) => t.id));
    out.forEach((o, i) => {
      expect(Object.keys(o)).toEqual(['id', 'category', 'severity', 'signals', 'matches']);
      expect(CATEGORY_IDS).toContain(o.category);
      expect(SEVERITY_IDS).toContain(o.severity);
      for (const s of o.signals) expect(SIGNAL_IDS).toContain(s);
      for (const match of o.matches) {
        const text = match.field === 'subject' ? tickets[i].subject : match.field === 'description' ? tickets[i].description : null;
        if (text !== null) expect(text.slice(match.start, match.end)).toBe(match.text);
      }
    });
    // The first complaint is a melted, smoking heater cord: a safety case must come out L1 with the signal and its span.
    expect(out[0]).toMatchObject({ id: 'quality-safety-heater', severity: 'L1', signals: ['safety'] });
    expect(out[0].matches.length).toBeGreaterThan(0);
  });

  test('malformed lines: an error line on stderr with line number and id; the others still come out', async () => {
    const input = [
      '{"id":"a1","subject":"Refund not received","description":"Refund pending 3 weeks"}',
      '{"id":"a2","subject":"broken',
      '',
      '{"id":"a3","subject":42}',
      '{"subject":"no id"}',
      '[1,2]',
      '{"id":"a4","subject":"Parcel stuck","description":"Parcel stuck 9 days"}\r',
      '{"id":"a5","description":"no trailing newline"}',
    ].join('\n');
    const m = memoryIo(input);
    expect(await classifyStream([], m.io)).toBe(1);
    expect(jsonl(m.out()).map((o) => o.id)).toEqual(['a1', 'a4', 'a5']);
    expect(m.err().split('\n').filter(Boolean)).toEqual([
      'line 2: invalid JSON at column 29',
      'line 4 (id "a3"): not a ticket: subject: Invalid input: expected string, received number',
      'line 5: not a ticket: id: needs an id (a non-empty string of at most 200 characters, or a number)',
      'line 6: not a ticket: each line must be a JSON object such as {"id": "…", "subject": "…"} (got an array)',
    ]);
    expect(m.err()).not.toContain('broken'); // never echoes the customer's text
  });

  test('--policy FILE: an invalid policy stops before reading stdin, exit 2', async () => {
    const m = memoryIo('{"id":"x","subject":"y"}\n', { cwd: root });
    expect(await classifyStream(['--policy', 'test/fixtures/policies/safety-not-l1.json'], m.io)).toBe(2);
    expect(m.err()).toContain('signals.safety.forcesSeverity: a safety signal must force "L1"');
    expect(m.out()).toBe('');
    const ok = memoryIo('{"id":"x","subject":"y"}\n', { cwd: root });
    expect(await classifyStream(['--policy=policies/default.json'], ok.io)).toBe(0);
    expect(jsonl(ok.out())).toHaveLength(1);
  });

  test('huge stdin is streamed in chunks and respects stdout backpressure', async () => {
    const n = 10_000;
    async function* gen() {
      let batch = '';
      for (let i = 0; i < n; i++) {
        batch += `${JSON.stringify({ id: `t${i}`, subject: 'Charged twice', description: `Order ${i}: charged twice for one order` })}\n`;
        if (batch.length > 60_000) {
          yield batch.slice(0, 30_000);
          batch = batch.slice(30_000);
        }
      }
      yield batch;
    }
    const m = memoryIo(gen(), { slowStdout: false });
    expect(await classifyStream([], m.io)).toBe(0);
    const out = m.out().split('\n').filter(Boolean);
    expect(out).toHaveLength(n);
    expect(JSON.parse(out[n - 1]).id).toBe(`t${n - 1}`);
    const slow = memoryIo(
      Array.from({ length: 50 }, (_, i) => `{"id":"s${i}","subject":"late parcel"}\n`),
      { slowStdout: true },
    );
    expect(await classifyStream([], slow.io)).toBe(0);
    expect(slow.out().split('\n').filter(Boolean)).toHaveLength(50);
  });
});

describe('lines()', () => {
  const collect = async (chunks: (string | Buffer)[], max?: number) => {
    const out = [];
    for await (const l of lines(Readable.from(chunks), max)) out.push(l);
    return out;
  };

  test('joins lines across chunks, including a UTF-8 character split between chunks', async () => {
    const bytes = Buffer.from('{"id":"1","subject":"漏电"}\n{"id":"2"}');
    const cut = bytes.indexOf(Buffer.from('电')) + 1;
    expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([
      { lineNo: 1, text: '{"id":"1","subject":"漏电"}' },
      { lineNo: 2, text: '{"id":"2"}' },
    ]);
  });

  test('an over-long line is reported and skipped without buffering it; numbering continues', async () => {
    const chunks = ['short\n', 'x'.repeat(30), 'x'.repeat(30), 'x'.repeat(30) + '\nnext\n', 'y'.repeat(25) + '\nlast'];
    expect(await collect(chunks, 20)).toEqual([
      { lineNo: 1, text: 'short' },
      { lineNo: 2, tooLong: true },
      { lineNo: 3, text: 'next' },
      { lineNo: 4, tooLong: true },
      { lineNo: 5, text: 'last' },
    ]);
  });
});
