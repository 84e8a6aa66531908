/** `complaint-desk policy check FILE`: validates a policy document. */
import { SEVERITY_IDS } from '../src/ids';
import { policyWarnings } from '../src/policy-warnings';
import { scriptDuplicateWarnings } from '../server/script-duplicate-warnings';
import { readPolicyFile, parseArgs, problemLines, type CliCommand } from './cli-io';

export const POLICY_CHECK_HELP = `Usage: complaint-desk policy check FILE

Validates a policy JSON document against the policy language.
  valid:   prints a one-line summary, exit 0; warnings (FILE: warning: JSON path: what (fix: how)) on
           stderr for ASCII punctuation between Chinese characters, remedy options ordered
           against their amounts, lexicon entries that normalisation makes duplicates of
           another entry in the same list or unmatchable, and phrases that are another script's
           form of an entry above them (the server adds every phrase's other script forms)
  invalid: prints one line per problem (FILE: JSON path: what is wrong (fix: how)), exit 1
           invalid JSON is reported with its line and column
  unreadable (missing, a directory, a FIFO, over 5 MB): one line on stderr, exit 2
`;

export const policyCheck: CliCommand = async (args, io) => {
  const { opts, rest, error } = parseArgs(args, []);
  if (opts.help) {
    io.stdout.write(POLICY_CHECK_HELP);
    return 0;
  }
  if (error || rest.length !== 1) {
    io.stderr.write(`${error ?? (rest.length ? 'give exactly one FILE' : 'missing FILE')}\n\n${POLICY_CHECK_HELP}`);
    return 2;
  }
  const result = readPolicyFile(rest[0], io, { model: 'check' });
  if (!result.ok && result.unreadable) {
    io.stderr.write(`${result.unreadable}\n`);
    return 2;
  }
  if (!result.ok) {
    io.stdout.write(problemLines(rest[0], result));
    io.stderr.write(`${rest[0]}: ${result.problems.length} problem(s); the policy is not valid\n`);
    return 1;
  }
  if (result.modelProblems?.length) {
    io.stdout.write(result.modelProblems.map((m) => `${rest[0]}: ${m.path}: ${m.message} (fix: ${m.hint})\n`).join(''));
    io.stderr.write(`${rest[0]}: ${result.modelProblems.length} problem(s); the policy is not valid\n`);
    return 1;
  }
  const p = result.policy;
  for (const w of [...policyWarnings(p), ...scriptDuplicateWarnings(p)])
    io.stderr.write(`${rest[0]}: warning: ${w.path}: ${w.message} (fix: ${w.hint})\n`);
  const clocks = SEVERITY_IDS.map((s) => `${s} ${p.severities[s].respondWithinMinutes}/${p.severities[s].resolveWithinMinutes} min`).join(
    ', ',
  );
  io.stdout.write(
    `${rest[0]}: OK: policy ${p.version} (${p.company}): ${p.classification.rules.length} classification rules, ${p.escalation.rules.length} escalation rules, ${p.remedies.matrix.length} remedy entries, ${Object.keys(p.calendars).length} calendars; respond/resolve ${clocks}${p.classification.model ? `; model ${p.classification.model.file}${p.classification.model.enabled === false ? ' (disabled)' : ''}` : ''}\n`,
  );
  return 0;
};
