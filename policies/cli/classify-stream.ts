/** `complaint-desk classify [--policy FILE]`: JSONL tickets on stdin → JSONL classifications on stdout. */
import { classify } from '../src/engine';
import { errorReporter, lines, parseTicketLine } from './read-tickets';
import { readPolicyOrReport, parseArgs, write, type CliCommand } from './cli-io';

export const CLASSIFY_HELP = `Usage: complaint-desk classify [--policy FILE] < tickets.jsonl > classified.jsonl

Reads one JSON ticket per line on stdin: {"id": "…", "subject": "…", "description": "…", …}
(optional: comments, tags, channel, requester, fields, locale). Writes one line per ticket:
  {"id", "category", "severity", "signals", "matches"}
matches explain the result: which rule matched which text span (field, start, end, text).
A malformed line gets an error line on stderr (line number and id); the others still come out
(after 50 error lines the rest are counted in one summary line). A UTF-8 BOM and CRLF line ends are
accepted; binary input stops at its first line with one error. Empty input: a notice on stderr.
Exit 0 when every line was classified, 1 when some were not, 2 on bad arguments or policy.
  --policy FILE   policy JSON to use (default: the built-in policies/default.json)
`;

export const classifyStream: CliCommand = async (args, io) => {
  const { opts, rest, error } = parseArgs(args, ['policy']);
  if (opts.help) {
    await write(io.stdout, CLASSIFY_HELP);
    return 0;
  }
  if (error || rest.length) {
    io.stderr.write(`${error ?? `unexpected argument(s): ${rest.join(' ')}`}\n\n${CLASSIFY_HELP}`);
    return 2;
  }
  const loaded = readPolicyOrReport(typeof opts.policy === 'string' ? opts.policy : undefined, io);
  if (!loaded) return 2;
  const errors = errorReporter(io.stderr);
  let seen = 0;
  for await (const l of lines(io.stdin)) {
    const parsed = parseTicketLine(l);
    if (!parsed) continue;
    seen++;
    if (!parsed.ok && parsed.binary && seen === 1) {
      io.stderr.write(`stdin is binary data, not UTF-8 JSONL (line ${parsed.lineNo}); nothing classified\n`);
      return 1;
    }
    if (!parsed.ok) {
      errors.report(parsed);
      continue;
    }
    let c;
    try {
      c = classify(parsed.ticket, loaded.policy);
    } catch (e) {
      errors.report({ ok: false, lineNo: parsed.lineNo, id: parsed.ticket.id, error: `classification failed: ${(e as Error).message}` });
      continue;
    }
    await write(
      io.stdout,
      `${JSON.stringify({ id: parsed.ticket.id, category: c.category, severity: c.severity, signals: c.signals, matches: c.matches })}\n`,
    );
  }
  errors.finish();
  if (seen === 0) io.stderr.write('no tickets on stdin (nothing classified); pipe a JSONL file: complaint-desk classify < tickets.jsonl\n');
  return errors.count ? 1 : 0;
};
