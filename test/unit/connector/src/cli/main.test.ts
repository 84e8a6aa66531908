import { COMMANDS, main, usage, type CommandEntry } from '../../../../../connector/src/cli/main';
import { memoryIo } from '../../../policies/cli/memory-io';

describe('complaint-desk dispatcher', () => {
  test('no arguments: usage on stderr, exit 2', async () => {
    const m = memoryIo();
    expect(await main([], m.io)).toBe(2);
    expect(m.err()).toBe(usage());
    expect(m.out()).toBe('');
  });

  test('--help lists every command', async () => {
    const m = memoryIo();
    expect(await main(['--help'], m.io)).toBe(0);
    for (const words of [
      'policy check FILE',
      'policy schema',
      'classify [--policy FILE]',
      'simulate --policy FILE --tickets FILE.jsonl [--now ISO]',
    ]) {
      expect(m.out()).toContain(`complaint-desk ${words}`);
    }
  });

  test('unknown command: says which, prints usage, exit 2', async () => {
    const m = memoryIo();
    expect(await main(['frobnicate', '--x'], m.io)).toBe(2);
    expect(m.err()).toBe(`complaint-desk: unknown command "frobnicate"\n\n${usage()}`);
    const half = memoryIo();
    expect(await main(['policy'], half.io)).toBe(2);
    expect(half.err()).toContain('unknown command "policy"');
  });

  test('each command answers --help on stdout with exit 0', async () => {
    for (const c of COMMANDS) {
      const m = memoryIo();
      expect(await main([...c.words, '--help'], m.io)).toBe(0);
      expect(m.out()).toMatch(new RegExp(`^Usage: complaint-desk ${c.words.join(' ')}`));
      expect(m.err()).toBe('');
    }
  });

  test('the table is open: the longest matching words win, the rest are the command arguments', async () => {
    const calls: string[] = [];
    const entry = (words: string[]): CommandEntry => ({
      words,
      synopsis: '',
      summary: words.join(' '),
      run: async (args) => {
        calls.push(`${words.join(' ')}:${args.join(',')}`);
        return 0;
      },
    });
    const table = [entry(['evidence']), entry(['evidence', 'export']), entry(['evidence', 'verify'])];
    const m = memoryIo();
    expect(await main(['evidence', 'export', 'zendesk', '42'], m.io, table)).toBe(0);
    expect(await main(['evidence', 'verify', 'b.json'], m.io, table)).toBe(0);
    expect(await main(['evidence', 'x'], m.io, table)).toBe(0);
    expect(calls).toEqual(['evidence export:zendesk,42', 'evidence verify:b.json', 'evidence:x']);
  });

  test('a command that throws: message on stderr, exit 1', async () => {
    const m = memoryIo();
    const table: CommandEntry[] = [
      {
        words: ['boom'],
        synopsis: '',
        summary: '',
        run: async () => {
          throw new Error('disk on fire');
        },
      },
    ];
    expect(await main(['boom'], m.io, table)).toBe(1);
    expect(m.err()).toBe('complaint-desk boom: disk on fire\n');
  });
});
