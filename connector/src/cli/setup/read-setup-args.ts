/** The start both `setup` commands share: `--help`, unexpected arguments, and `--url` (the connector's public base URL). */
import { parseArgs, write, type CliIo } from '../../../../policies/cli/cli-io';

export type SetupStart =
  { exit: number } | { url: string; opts: Record<string, string | true>; fail: (message: string, code?: number) => Promise<number> };

export async function readSetupArgs(host: 'zendesk' | 'freshdesk', help: string, args: string[], io: CliIo): Promise<SetupStart> {
  const { opts, rest, error } = parseArgs(args, ['url', 'policy']);
  if (opts.help || opts.h) {
    await write(io.stdout, help);
    return { exit: 0 };
  }
  const fail = async (m: string, code = 2) => {
    await write(io.stderr, `complaint-desk setup ${host}: ${m}\n`);
    return code;
  };
  if (error || rest.length) return { exit: await fail(`${error ?? `unexpected argument ${rest[0]}`}\n\n${help}`) };
  const url = typeof opts.url === 'string' ? opts.url.replace(/\/+$/, '') : '';
  if (!/^https?:\/\/[^/\s]+/.test(url))
    return { exit: await fail("--url is required: the connector's public base URL, e.g. https://complaints.acme.example") };
  return { url, opts, fail };
}
