/** In-memory CliIo for command tests: stdin from text or chunks, stdout/stderr collected. */
import { Readable, Writable } from 'node:stream';
import type { CliIo } from '../../../../policies/cli/cli-io';

export interface MemoryIo {
  io: CliIo;
  out: () => string;
  err: () => string;
}

class Sink extends Writable {
  chunks: string[] = [];
  constructor(
    highWaterMark?: number,
    private readonly delayMs = 0,
  ) {
    super({ highWaterMark, decodeStrings: false });
  }
  override _write(chunk: unknown, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.chunks.push(String(chunk));
    if (this.delayMs) setTimeout(done, this.delayMs);
    else done();
  }
}

export function memoryIo(
  stdin: string | Iterable<string> | AsyncIterable<string> = '',
  opts: { cwd?: string; slowStdout?: boolean } = {},
): MemoryIo {
  const stdout = opts.slowStdout ? new Sink(64, 1) : new Sink();
  const stderr = new Sink();
  const input = typeof stdin === 'string' ? Readable.from([Buffer.from(stdin)]) : Readable.from(stdin);
  return {
    io: { stdin: input, stdout, stderr, env: {}, cwd: opts.cwd ?? process.cwd() },
    out: () => stdout.chunks.join(''),
    err: () => stderr.chunks.join(''),
  };
}
