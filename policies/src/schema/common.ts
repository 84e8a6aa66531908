import { z } from 'zod';
import { closest } from './hints';
import { CATEGORY_IDS, LOCALES, SEVERITY_IDS, SIGNAL_IDS, TEMPLATE_VARIABLES, TIER_IDS, PRIORITY_IDS, STATUS_IDS } from '../ids';

export const categoryId = z.enum(CATEGORY_IDS);
export const severityId = z.enum(SEVERITY_IDS);
export const signalId = z.enum(SIGNAL_IDS);
export const tierId = z.enum(TIER_IDS);
export const priorityId = z.enum(PRIORITY_IDS);
export const statusId = z.enum(STATUS_IDS);
export const locale = z.enum(LOCALES);

/** An identifier admins choose (group keys, rule ids, calendar ids). */
export const key = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'use lower-case letters, digits and _ (start with a letter, at most 64)');

/** A tag as both hosts accept it: no spaces or commas. */
export const tag = z.string().regex(/^[A-Za-z0-9_\-:.\/]{1,80}$/, 'tags are 1-80 characters without spaces or commas');

/** Durations are whole minutes (e.g. 120 = 2 h); documented in docs/policy.md. */
export const minutes = z
  .number()
  .int('whole minutes only')
  .positive('must be more than 0 minutes')
  .max(60 * 24 * 366, 'at most one year of minutes');

export const text = (max = 2000) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const localized = (max = 2000) => z.strictObject({ en: text(max), 'zh-CN': text(max), 'zh-TW': text(max) });

const VARIABLE_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

/** Variables used in a template string (`{{name}}`). */
export function templateVariables(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(VARIABLE_RE)) out.push(m[1]);
  return out;
}

/** A template text: every `{{variable}}` must be a known one. */
export const template = (max = 2000) =>
  text(max).superRefine((value, ctx) => {
    for (const name of templateVariables(value)) {
      if (!KNOWN.has(name)) {
        const guess = closest(name, TEMPLATE_VARIABLES);
        ctx.addIssue({
          code: 'custom',
          message: `unknown variable {{${name}}}`,
          params: { hint: `${guess ? `did you mean {{${guess}}}? ` : ''}known variables: ${TEMPLATE_VARIABLES.join(', ')}` },
        });
      }
    }
    const opens = (value.match(/\{\{/g) ?? []).length;
    const closes = (value.match(/\}\}/g) ?? []).length;
    if (opens !== closes)
      ctx.addIssue({
        code: 'custom',
        message: 'unbalanced {{ }} in template',
        params: { hint: 'every {{ needs a matching }}; write variables as {{name}}' },
      });
  });

export const localizedTemplate = (max = 2000) => z.strictObject({ en: template(max), 'zh-CN': template(max), 'zh-TW': template(max) });
