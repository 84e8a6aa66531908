/**
 * Values of the documented trigger/automation bodies (docs/zendesk.md, docs/freshdesk.md) as the hosts render them. A placeholder the host does not know,
 * or one with no value, arrives as "" or left as the literal "{{ticket.foo}}": both mean "missing". Numbers and
 * booleans (an admin who removed the quotes) are read as their text. Objects or arrays where text belongs are
 * treated as missing, except for the few required fields, which the schemas reject with the field's path.
 */
import { z } from 'zod';

const UNRENDERED = /^\{\{\s*[^{}]*\}\}$/;

/** The rendered text of a placeholder value, or undefined when it is missing, empty or unrendered. */
export function rendered(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  return v === '' || UNRENDERED.test(v) ? undefined : v;
}

/** Optional placeholder text (never fails). */
export const placeholderText = z.unknown().transform(rendered).optional();

/** A required numeric host id, given as text or a number ("123" or 123); 1 to 20 digits. */
export function requiredId(placeholder: string) {
  return z.unknown().transform((v, ctx) => {
    const text = rendered(v);
    if (text !== undefined && /^\d{1,20}$/.test(text)) return text;
    ctx.addIssue({
      code: 'custom',
      message:
        text === undefined
          ? `missing: the host sent no value (check that the body uses ${placeholder})`
          : `expected a numeric ticket id of at most 20 digits (${placeholder})`,
    });
    return z.NEVER;
  });
}
