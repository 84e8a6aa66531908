/** The follow-up CSAT answer scale (`followUp.csatScale` in the policy): parsing and the values to offer. Pure. */
import type { Policy } from '../../../policies/src/types';

export type CsatScale = Policy['followUp']['csatScale'];

/** A CSAT answer as a number on the policy's scale, or null when it is not a whole number inside it. */
export function parseCsat(value: unknown, scale: CsatScale): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= scale.min && n <= scale.max ? n : null;
}

/** Every answer on the scale, most satisfied first (for a form). */
export function csatChoices(scale: CsatScale): number[] {
  const out: number[] = [];
  for (let n = scale.max; n >= scale.min; n--) out.push(n);
  return out;
}
