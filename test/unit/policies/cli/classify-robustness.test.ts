/**
 * `classify` on hostile stdin: binary junk, a 50 MB line, CRLF, a UTF-8 BOM, empty input. Each gets a
 * clear line on stderr and the documented exit code; good lines still come out.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { classifyStream } from '../../../../policies/cli/classify-stream';
import { MAX_ERROR_LINES } from '../../../../policies/cli/read-tickets';
import { memoryIo } from './memory-io';

const ok = (id: string, subject = 'the parcel arrived late') => JSON.stringify({ id, subject, description: subject });
const ids = (out: string) =>
  out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).id);

async function run(stdin: Parameters<typeof memoryIo>[0]) {
  const m = memoryIo(stdin);
  const code = await classifyStream([], m.io);
  return { code, out: m.out(), err: m.err() };
}

describe('classify: hostile stdin', () => {
  test('binary junk: one line on stderr, exit 1, nothing on stdout', async () => {
    const junk = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0xfe]), randomBytes(256 * 1024)]);
    const m = memoryIo('');
    m.io.stdin = Readable.from([junk]); // the raw bytes, not re-encoded
    expect(await classifyStream([], m.io)).toBe(1);
    expect(m.out()).toBe('');
    expect(m.err()).toBe('stdin is binary data, not UTF-8 JSONL (line 1); nothing classified\n');
  });

  test('binary lines in the middle of good input: reported per line, capped, the good lines still come out', async () => {
    const bad = Array.from({ length: MAX_ERROR_LINES + 7 }, () => '\u0000\u0001junk');
    const r = await run([`${ok('a')}\n`, ...bad.map((b) => `${b}\n`), `${ok('b')}\n`]);
    expect(r.code).toBe(1);
    expect(ids(r.out)).toEqual(['a', 'b']);
    const err = r.err.split('\n').filter(Boolean);
    expect(err).toHaveLength(MAX_ERROR_LINES + 1);
    expect(err[0]).toBe('line 2: binary data, not UTF-8 JSON text');
    expect(err[err.length - 1]).toBe(`7 more bad line(s) not shown (${MAX_ERROR_LINES + 7} in total)`);
  });

  test('a 50 MB line: skipped with one error line (never buffered whole); numbering and the next lines continue', async () => {
    const MB = 'x'.repeat(1024 * 1024);
    async function* input() {
      yield `${ok('first')}\n{"id":"big","subject":"`;
      for (let i = 0; i < 50; i++) yield MB;
      yield `"}\r\n${ok('after')}\n`;
    }
    const r = await run(input());
    expect(r.code).toBe(1);
    expect(ids(r.out)).toEqual(['first', 'after']);
    expect(r.err).toBe('line 2: line too long; skipped\n');
  });

  test('CRLF line ends and a UTF-8 BOM: classified as if LF and no BOM', async () => {
    const r = await run(`\uFEFF${ok('crlf1')}\r\n${ok('crlf2', '我要投诉 快递三天没到')}\r\n\r\n`);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(ids(r.out)).toEqual(['crlf1', 'crlf2']);
  });

  test('a BOM split across chunks (bytes EF | BB BF) is still removed', async () => {
    const m = memoryIo('');
    const bytes = Buffer.from(`\uFEFF${ok('split')}\n`, 'utf8');
    m.io.stdin = Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]);
    expect(await classifyStream([], m.io)).toBe(0);
    expect(ids(m.out())).toEqual(['split']);
  });

  test('empty stdin (and only blank lines): a notice on stderr, exit 0, no output', async () => {
    for (const input of ['', '\n\r\n  \n']) {
      const r = await run(input);
      expect(r).toEqual({
        code: 0,
        out: '',
        err: 'no tickets on stdin (nothing classified); pipe a JSONL file: complaint-desk classify < tickets.jsonl\n',
      });
    }
  });
});
