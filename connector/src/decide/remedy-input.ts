/**
 * The engine's `RemedyInput` for a stored ticket projection; field reading lives in the engine
 * (`policies/src/engine/intake-fields.ts`) so the sidebar's offline view reads the same fields. Pure.
 */
import { remedyInputFrom } from '../../../policies/src/engine';
import type { CategoryId, Policy, RemedyInput, SeverityId } from '../../../policies/src/types';
import type { TicketProjection } from './ticket-projection';

export function remedyInputOf(p: TicketProjection, policy: Policy): RemedyInput {
  return remedyInputFrom(p.category as CategoryId, p.severity as SeverityId, p.fields, policy);
}
