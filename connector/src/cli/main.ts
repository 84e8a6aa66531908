/**
 * `complaint-desk` CLI entry (bundled to dist/node/cli.js). A command table maps words to
 * `(args, io) => Promise<exitCode>` functions; to add a command, add one entry to COMMANDS that loads its
 * module (longest word sequence wins, so `evidence export` and `evidence verify` can coexist).
 */
import type { CliCommand, CliIo } from '../../../policies/cli/cli-io';

export type { CliCommand, CliIo };

export interface CommandEntry {
  /** The words that name the command, e.g. ['policy', 'check']. */
  words: string[];
  /** Argument synopsis shown in the usage text. */
  synopsis: string;
  summary: string;
  run: CliCommand;
}

/**
 * A command whose module is loaded when it runs, not when the CLI starts: a process then loads only the code of
 * its own command (e.g. `pg` and the stores only for `evidence export` and `store migrate`; about 0.2 s of CPU
 * less for every `classify`, `eval` and `policy check`).
 */
const lazy =
  (load: () => Promise<CliCommand>): CliCommand =>
  async (args, io) =>
    (await load())(args, io);

export const COMMANDS: CommandEntry[] = [
  {
    words: ['policy', 'check'],
    synopsis: 'FILE',
    summary: 'validate a policy JSON file (exit 1 with one line per problem)',
    run: lazy(async () => (await import('../../../policies/cli/policy-check')).policyCheck),
  },
  {
    words: ['policy', 'schema'],
    synopsis: '',
    summary: 'print the JSON Schema of the policy language',
    run: lazy(async () => (await import('../../../policies/cli/policy-schema')).policySchemaCommand),
  },
  {
    words: ['classify'],
    synopsis: '[--policy FILE] < tickets.jsonl',
    summary: 'classify JSONL tickets from stdin, one JSON line each on stdout',
    run: lazy(async () => (await import('../../../policies/cli/classify-stream')).classifyStream),
  },
  {
    words: ['simulate'],
    synopsis: '--policy FILE --tickets FILE.jsonl [--now ISO]',
    summary: 'dry-run a policy over tickets: deadlines, escalations, remedies, summary',
    run: lazy(async () => (await import('../../../policies/cli/simulate')).simulate),
  },
  {
    words: ['eval'],
    synopsis: 'FILE.jsonl [--policy FILE] [--json]',
    summary: 'accuracy, confusion matrix, L1 recall and per-signal P/R/F1 over labelled tickets',
    run: lazy(async () => (await import('../../../policies/cli/eval')).evalCommand),
  },
  {
    words: ['model', 'train'],
    synopsis: 'FILE.jsonl… [--policy FILE] [--out FILE] [--with-corrections]',
    summary: 'train the learned classification layer into the model file the policy names',
    run: lazy(async () =>
      (await import('../../../policies/cli/model-train')).modelTrainCommand((await import('./read-corrections')).readCorrections),
    ),
  },
  {
    words: ['model', 'cv'],
    synopsis: 'FILE.jsonl… [--folds N] [--policy FILE]',
    summary: 'k-fold cross-validation of the learned layer on training data (choose settings here)',
    run: lazy(async () => (await import('../../../policies/cli/model-cv')).modelCvCommand),
  },
  {
    words: ['evidence', 'export'],
    synopsis: 'TICKET [--host HOST] [--db URL] [--out FILE]',
    summary: "write a ticket's hash-chained evidence bundle as JSON",
    run: lazy(async () => (await import('./evidence-export')).evidenceExport),
  },
  {
    words: ['evidence', 'verify'],
    synopsis: 'FILE',
    summary: 'check an evidence bundle: any edit, reorder, insertion or deletion fails',
    run: lazy(async () => (await import('./evidence-verify')).evidenceVerify),
  },
  {
    words: ['store', 'migrate'],
    synopsis: '--from sqlite:FILE --to postgres://…',
    summary: "copy a stopped connector's SQLite store into an empty PostgreSQL database",
    run: lazy(async () => (await import('./store-migrate')).storeMigrate),
  },
  {
    words: ['setup', 'zendesk'],
    synopsis: '--url URL [--policy FILE] [--dry-run]',
    summary: 'create/update the Zendesk webhook, event subscriptions and trigger; check policy ids',
    run: lazy(async () => (await import('./setup/setup-zendesk')).setupZendesk),
  },
  {
    words: ['setup', 'freshdesk'],
    synopsis: '--url URL [--policy FILE]',
    summary: 'check Freshdesk credentials, fields, groups; print the automation rules to create',
    run: lazy(async () => (await import('./setup/setup-freshdesk')).setupFreshdesk),
  },
];

export function usage(commands: CommandEntry[] = COMMANDS): string {
  const rows = commands.map((c) => [`complaint-desk ${c.words.join(' ')}${c.synopsis ? ` ${c.synopsis}` : ''}`, c.summary]);
  const width = Math.max(...rows.map((r) => r[0].length));
  return `Usage:\n${rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`).join('\n')}\n\nRun a command with --help for its options.\n`;
}

/** Runs the CLI; resolves to the exit code (0 ok, 1 problems found, 2 usage error). */
export async function main(argv: string[], io: CliIo, commands: CommandEntry[] = COMMANDS): Promise<number> {
  if (argv.length === 0) {
    io.stderr.write(usage(commands));
    return 2;
  }
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
    io.stdout.write(usage(commands));
    return 0;
  }
  const match = commands.filter((c) => c.words.every((w, i) => argv[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
  if (!match) {
    const known = argv
      .filter((a) => !a.startsWith('-'))
      .slice(0, 2)
      .join(' ');
    io.stderr.write(`complaint-desk: unknown command "${known}"\n\n${usage(commands)}`);
    return 2;
  }
  try {
    return await match.run(argv.slice(match.words.length), io);
  } catch (e) {
    io.stderr.write(`complaint-desk ${match.words.join(' ')}: ${(e as Error).message}\n`);
    return 1;
  }
}

/**
 * Runs the CLI for this process: wires stdio, sets the exit code. `bin/complaint-desk.js` calls it (the bundle is
 * `require`d there, so `require.main` is the bin wrapper, not this file); `node dist/node/cli.js` runs it below.
 */
export function runProcess(argv: string[] = process.argv.slice(2)): Promise<number> {
  // `complaint-desk classify … | head`: a closed pipe is not an error; stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
  return main(argv, io).then((code) => {
    process.exitCode = code;
    return code;
  });
}

if (require.main === module) void runProcess();
