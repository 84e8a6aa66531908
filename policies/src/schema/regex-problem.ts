/** Why a policy pattern is refused (it could hang the classifier, or is not a regex), with a hint. */
/** Patterns that can backtrack catastrophically: a quantified group that itself contains a quantifier. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*(?:[+*]|\{\d+,?\d*\})/;

export function regexProblem(source: string): { message: string; hint: string } | null {
  if (NESTED_QUANTIFIER.test(source))
    return {
      message: 'nested quantifiers like (a+)+ can hang the classifier (catastrophic backtracking)',
      hint: 'rewrite without a quantified group that contains a quantifier: (a+)+ → a+, (ab*)* → list the variants as phrases',
    };
  if (/\\[1-9]|\\k</.test(source))
    return {
      message: 'back-references are not allowed (they can hang the classifier)',
      hint: 'spell out the repeated text instead of \\1, or list the variants as phrases',
    };
  try {
    new RegExp(source, 'iu');
  } catch (e) {
    return {
      message: `not a valid regular expression: ${(e as Error).message}`,
      hint: 'fix the pattern (flags i and u are added for you; escape ( ) [ ] { } . * + ? with \\), or use a literal phrase instead',
    };
  }
  return null;
}
