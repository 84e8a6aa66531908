/** `complaint-desk classify [--policy FILE]`: JSONL tickets on stdin → JSONL classifications on stdout. */
import { classify } from '../src/engine';
import { errorLine, lines, parseTicketLine } from './read-tickets';
import { loadPolicy, parseArgs, problemLines, write, type CliCommand } from './cli-io';

export const CLASSIFY_HELP = `Usage: complaint-desk classify [--policy FILE] < tickets.jsonl > classified.jsonl

Reads one JSON ticket per line on stdin: {"id": "…", "subject": "…", "description": "…", …}
(optional: comments, tags, channel, requester, fields, locale). Writes one line per ticket:
  {"id", "category", "severity", "signals", "matches"}
matches explain the result: which rule matched which text span (field, start, end, text).
A malformed line gets an error line on stderr (line number and id); the others still come out.
Exit 0 when every line was classified, 1 when some were not, 2 on bad arguments or policy.
  --policy FILE   policy JSON to use (default: the built-in policies/default.json)
`;

export const classifyStream: CliCommand = async (args, io) => {
  const { opts, rest, error } = parseArgs(args, ['policy']);
  if (opts.help) { await write(io.stdout, CLASSIFY_HELP); return 0; }
  if (error || rest.length) { io.stderr.write(`${error ?? `unexpected argument(s): ${rest.join(' ')}`}\n\n${CLASSIFY_HELP}`); return 2; }
  const loaded = loadPolicy(typeof opts.policy === 'string' ? opts.policy : undefined, io);
  if (!loaded.ok) { io.stderr.write(problemLines(loaded.source, loaded)); return 2; }
  let failed = 0;
  for await (const l of lines(io.stdin)) {
    const parsed = parseTicketLine(l);
    if (!parsed) continue;
    if (!parsed.ok) { failed++; io.stderr.write(errorLine(parsed)); continue; }
    let c;
    try {
      c = classify(parsed.ticket, loaded.policy);
    } catch (e) {
      failed++;
      io.stderr.write(errorLine({ ok: false, lineNo: parsed.lineNo, id: parsed.ticket.id, error: `classification failed: ${(e as Error).message}` }));
      continue;
    }
    await write(io.stdout, `${JSON.stringify({ id: parsed.ticket.id, category: c.category, severity: c.severity, signals: c.signals, matches: c.matches })}\n`);
  }
  return failed ? 1 : 0;
};
