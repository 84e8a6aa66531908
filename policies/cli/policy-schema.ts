/** `complaint-desk policy schema`: prints the JSON Schema of the policy language. */
import { policySchemaText } from '../src/generate-schema';
import { parseArgs, type CliCommand } from './cli-io';

export const POLICY_SCHEMA_HELP = `Usage: complaint-desk policy schema

Prints the JSON Schema of the policy language (the same as policies/policy.schema.json).
Editors use it for completion: put "$schema": "./policy.schema.json" at the top of a policy.
`;

export const policySchemaCommand: CliCommand = async (args, io) => {
  const { opts, rest } = parseArgs(args, []);
  if (opts.help) {
    io.stdout.write(POLICY_SCHEMA_HELP);
    return 0;
  }
  if (rest.length || Object.keys(opts).length) {
    io.stderr.write(`unexpected argument(s): ${args.join(' ')}\n\n${POLICY_SCHEMA_HELP}`);
    return 2;
  }
  io.stdout.write(policySchemaText());
  return 0;
};
