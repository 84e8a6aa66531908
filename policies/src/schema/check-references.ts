/**
 * The policy's cross-references, checked after its shape: every group, calendar, intake field and role a
 * policy names exists, the safety signal forces L1, and scripts use only variables the customer may read.
 */
import type { z } from 'zod';
import { ALWAYS_FILLED_VARIABLES, LOCALES, SCRIPT_VARIABLES, TEMPLATE_VARIABLES } from '../ids';
import { templateVariables } from './common';
import { closest } from './hints';
import type { Policy } from './policy';

export function checkReferences(p: Policy, ctx: z.RefinementCtx): void {
  const group = (k: string, path: (string | number)[]) => {
    if (!Object.hasOwn(p.groups, k)) {
      const known = Object.keys(p.groups);
      const guess = closest(k, known);
      ctx.addIssue({
        code: 'custom',
        path,
        message: `unknown group "${k}"`,
        params: {
          hint: `${guess ? `did you mean "${guess}"? ` : ''}use a group defined under groups (${known.join(', ') || 'none yet'}) or add "${k}" there`,
        },
      });
    }
  };
  for (const [id, s] of Object.entries(p.severities)) {
    group(s.group, ['severities', id, 'group']);
    if (!Object.hasOwn(p.calendars, s.calendar))
      ctx.addIssue({
        code: 'custom',
        path: ['severities', id, 'calendar'],
        message: `unknown calendar "${s.calendar}"`,
        params: {
          hint: `use a calendar defined under calendars (${Object.keys(p.calendars).join(', ') || 'none yet'}) or add "${s.calendar}" there`,
        },
      });
  }
  for (const [id, t] of Object.entries(p.escalation.tiers)) group(t.group, ['escalation', 'tiers', id, 'group']);
  p.escalation.rules.forEach((r, i) => {
    if (r.then.group) group(r.then.group, ['escalation', 'rules', i, 'then', 'group']);
  });
  group(p.evidence.reviewGroup, ['evidence', 'reviewGroup']);
  if (p.followUp.group) group(p.followUp.group, ['followUp', 'group']);
  if (p.signals.safety.forcesSeverity !== 'L1')
    ctx.addIssue({
      code: 'custom',
      path: ['signals', 'safety', 'forcesSeverity'],
      message: 'a safety signal must force "L1"',
      params: { hint: 'set it to "L1": any personal-safety hazard is urgent, whatever else the complaint says' },
    });
  p.intake.required.forEach((f, i) => {
    if (!Object.hasOwn(p.intake.fields, f))
      ctx.addIssue({
        code: 'custom',
        path: ['intake', 'required', i],
        message: `unknown intake field "${f}"`,
        params: { hint: `define "${f}" under intake.fields, or list only defined fields (${Object.keys(p.intake.fields).join(', ')})` },
      });
  });
  const fieldRef = (k: string, path: (string | number)[], what: string) => {
    const f = Object.hasOwn(p.intake.fields, k) ? p.intake.fields[k] : undefined;
    if (!f) {
      const guess = closest(k, Object.keys(p.intake.fields));
      ctx.addIssue({
        code: 'custom',
        path,
        message: `unknown intake field "${k}"`,
        params: {
          hint: `${guess ? `did you mean "${guess}"? ` : ''}name the intake field (intake.fields) that holds ${what}, or define "${k}" there with a "field" source`,
        },
      });
    } else if (f.source.kind !== 'field') {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `intake field "${k}" has source "${f.source.kind}", not a ticket field`,
        params: { hint: `point to an intake field whose source is {"kind": "field", "field": …} (it holds ${what})` },
      });
    }
  };
  if (p.intake.productField) fieldRef(p.intake.productField, ['intake', 'productField'], 'the product model');
  for (const [name, k] of Object.entries(p.remedies.inputFields ?? {})) {
    if (k)
      fieldRef(
        k,
        ['remedies', 'inputFields', name],
        { purchaseDate: 'the purchase date', deliveredAt: 'the delivery date', orderAmount: 'the order value' }[name] ?? name,
      );
  }
  if (!Object.hasOwn(p.intake.fields, p.batches.field))
    ctx.addIssue({
      code: 'custom',
      path: ['batches', 'field'],
      message: `unknown intake field "${p.batches.field}"`,
      params: { hint: 'name the intake field (intake.fields) that holds the product batch / lot number' },
    });
  p.evidence.requirements.forEach((r, i) => {
    if (r.type === 'review' && !Object.hasOwn(p.remedies.roles, r.role))
      ctx.addIssue({
        code: 'custom',
        path: ['evidence', 'requirements', i, 'role'],
        message: `unknown role "${r.role}"`,
        params: { hint: `use a role defined under remedies.roles (${Object.keys(p.remedies.roles).join(', ')})` },
      });
  });
  for (const [id, sc] of Object.entries(p.scripts)) {
    const wordings: [(string | number)[], typeof sc.template][] = [
      [['scripts', id, 'template'], sc.template],
      ...(sc.variants ?? []).map((v, i): [(string | number)[], typeof sc.template] => [
        ['scripts', id, 'variants', i, 'template'],
        v.template,
      ]),
    ];
    for (const [at, template] of wordings)
      for (const loc of LOCALES) {
        for (const name of new Set(templateVariables(template[loc]))) {
          const path = [...at, loc];
          if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) continue; // reported as an unknown variable
          if (!(SCRIPT_VARIABLES as readonly string[]).includes(name)) {
            ctx.addIssue({
              code: 'custom',
              path,
              message: `{{${name}}} would show the customer an internal label or id`,
              params: {
                hint: `scripts may use ${SCRIPT_VARIABLES.map((v) => `{{${v}}}`).join(', ')}; ask for missing intake with {{missing_details}} (intake.fields.*.ask)`,
              },
            });
          } else if (!(ALWAYS_FILLED_VARIABLES as readonly string[]).includes(name) && !Object.hasOwn(p.templateFallbacks, name)) {
            ctx.addIssue({
              code: 'custom',
              path,
              message: `{{${name}}} can be unknown on a ticket and has no fallback wording, so the customer could read "[${name}]"`,
              params: { hint: `add templateFallbacks.${name} with the words to use when it is unknown (per locale; may be empty)` },
            });
          }
        }
      }
  }
  const rv = p.classification.review;
  if (rv && !Object.hasOwn(p.remedies.roles, rv.downgradeRole))
    ctx.addIssue({
      code: 'custom',
      path: ['classification', 'review', 'downgradeRole'],
      message: `unknown role "${rv.downgradeRole}"`,
      params: { hint: `use a role defined under remedies.roles (${Object.keys(p.remedies.roles).join(', ')})` },
    });
  for (const host of ['zendesk', 'freshdesk'] as const) {
    for (const f of Object.keys(p.hostFields[host])) {
      if (!Object.hasOwn(p.intake.fields, f) && !['category', 'severity'].includes(f))
        ctx.addIssue({
          code: 'custom',
          path: ['hostFields', host, f],
          message: `"${f}" is neither an intake field nor category/severity`,
          params: { hint: 'map only keys of intake.fields (or category, severity) to host custom fields' },
        });
    }
  }
}
