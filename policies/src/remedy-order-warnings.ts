/**
 * Remedy options run first choice ≤ second choice ≤ bottom line in cost to the company: a first choice
 * that may cost more than the bottom line is almost always a typo in the amounts.
 */
import type { Policy } from './schema/policy';
import { formatPath } from './format-path';
import type { PolicyProblem } from './validate-policy';

type Option = Policy['remedies']['matrix'][number]['options'][number];

/** Order values the check tries: the order runs against the amounts when it does at any of them. */
export const REFERENCE_ORDER_AMOUNTS = [100, 1000, 10000] as const;

/** Most the option may cost at an order value (min of its caps, as the engine computes it); no cap = no money. */
function cost(o: Option, orderAmount: number): number {
  const caps: number[] = [];
  if (o.capAmount !== null) caps.push(o.capAmount);
  if (o.capPercent !== null) caps.push((o.capPercent / 100) * orderAmount);
  return caps.length ? Math.min(...caps) : 0;
}

export function remedyOrderWarnings(policy: Policy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const cur = policy.remedies.currency;
  policy.remedies.matrix.forEach((e, i) => {
    for (let k = 1; k < e.options.length; k++) {
      const a = e.options[k - 1];
      const b = e.options[k];
      const at = REFERENCE_ORDER_AMOUNTS.find((amount) => cost(a, amount) > cost(b, amount));
      if (at === undefined) continue;
      out.push({
        path: formatPath(['remedies', 'matrix', i, 'options', k - 1]),
        message: `entry "${e.id}": on a ${at} ${cur} order the ${a.rank} option may cost ${cost(a, at)} ${cur}, more than the ${b.rank} option (${cost(b, at)} ${cur})`,
        hint: 'order options first ≤ second ≤ bottom in cost to the company, or fix capAmount / capPercent',
      });
    }
  });
  return out;
}
