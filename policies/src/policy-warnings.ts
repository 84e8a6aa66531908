/**
 * Things in a valid policy that an admin most likely did not mean: ASCII punctuation between Chinese
 * characters (Chinese text uses full-width ，。：？), remedy options ordered against their amounts, and
 * script wording whose conditions do not match the cases it reaches (script-warnings.ts), and lexicon
 * entries that normalisation makes duplicates or unmatchable (normalization-warnings.ts).
 * `policy check` prints them as warnings (exit 0); they never block a policy.
 */
import type { Policy } from './schema/policy';
import { formatPath } from './format-path';
import type { PolicyProblem } from './validate-policy';
import { normalizationWarnings } from './normalization-warnings';
import { remedyOrderWarnings } from './remedy-order-warnings';
import { scriptWarnings } from './script-warnings';

const CJK = '[\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef]';
/** ASCII , . : ; ? ! ( ) with a CJK character (or a {{variable}} edge) on both sides, spaces allowed. */
const ASCII_BETWEEN_CJK = new RegExp(`(?:${CJK}|\\}\\})\\s*([,.:;?!()])\\s*(?=${CJK}|\\{\\{)`, 'u');
const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '。', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };

function punctuation(value: unknown, path: (string | number)[], out: PolicyProblem[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => punctuation(v, [...path, i], out));
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && (k === 'zh-CN' || k === 'zh-TW')) {
      const m = ASCII_BETWEEN_CJK.exec(v);
      if (m)
        out.push({
          path: formatPath([...path, k]),
          message: `ASCII "${m[1]}" between Chinese characters (…${v.slice(Math.max(0, m.index - 6), m.index + m[0].length + 6)}…)`,
          hint: `use the full-width "${FULL_WIDTH[m[1]]}" in Chinese text`,
        });
    } else punctuation(v, [...path, k], out);
  }
}

export function policyWarnings(policy: Policy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  punctuation(policy, [], out);
  out.push(...remedyOrderWarnings(policy));
  out.push(...scriptWarnings(policy));
  out.push(...normalizationWarnings(policy));
  return out;
}
