import { z } from 'zod';
import { categoryId, key, locale, localizedTemplate, severityId, signalId, tag, text } from './common';
import { clauseStarts } from './clause-starts';
import { issueHints } from './issue-hints';
import { modelRef } from './model-ref';
import { MAX_CUE_SETS, MAX_CUE_WINDOW, MAX_POLICY_PHRASES, MAX_RULE_PHRASES, phraseListSizes } from './phrase-limits';
import { regexProblem } from './regex-problem';

const pattern = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'at most 200 characters')
  .superRefine((s, ctx) => {
    const problem = regexProblem(s);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { hint: problem.hint } });
  });

const phrase = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');

const rulePhrases = z
  .array(phrase)
  .max(MAX_RULE_PHRASES, {
    error: (iss) => `${Array.isArray(iss.input) ? iss.input.length : 'too many'} phrases; a rule holds at most ${MAX_RULE_PHRASES}`,
  })
  .register(issueHints, {
    too_big:
      `drop phrases no ticket needs, write families of variants as one pattern, or, if the list really is that long, ` +
      `move part of it into a second rule with the same "sets" (all rules share one matcher, so this costs nothing)`,
  });

export const classificationRule = z
  .strictObject({
    id: key,
    description: text(300).optional(),
    /** Literal phrases, matched case-insensitively; Latin phrases match whole words only. */
    phrases: rulePhrases.default([]),
    /** Regular expressions (flags `iu`), for phrases with gaps or variants. */
    patterns: z.array(pattern).max(100).default([]),
    /** Phrases that cancel this rule when present anywhere in the same text (e.g. "no smoke"). */
    unless: z.array(phrase).max(100).default([]),
    /**
     * Where an `unless` phrase cancels the rule: `field` (default) only in the field it occurs in;
     * `ticket` in every field (the subject "AC not cooling", the description "it was on fan mode").
     */
    unlessScope: z.enum(['field', 'ticket']).optional(),
    weight: z.number().positive().max(100).default(1),
    /** Also match English inflections of each Latin phrase's last word (spark → sparks, sparked, sparking). */
    inflect: z.boolean().optional(),
    sets: z
      .strictObject({
        category: categoryId.optional(),
        severity: severityId.optional(),
        signals: z.array(signalId).max(6).optional(),
      })
      .refine((s) => s.category || s.severity || (s.signals && s.signals.length), {
        message: 'a rule must set a category, a severity or at least one signal',
        params: { hint: 'add "category", "severity" or "signals" under sets' },
      }),
  })
  .refine((r) => r.phrases.length + r.patterns.length > 0, {
    message: 'a rule needs at least one phrase or pattern',
    params: { hint: 'add the words customers use to "phrases" (or a regular expression to "patterns")' },
  });

/**
 * A list of cue phrases that cancel a rule's match nearby: `before` cues (negation, hypotheticals) end at
 * most `windowChars` before the match in the same sentence (`after` cues begin at most `windowChars` after it:
 * "在小红书上看到"); `covering` cues (harmless senses such as a
 * colour or a product name) overlap the match; `ticket` cues (a reading that applies to the whole
 * ticket, e.g. "it turned out to be steam", or an automated survey quoted in a reply) cancel the matches
 * they govern in every field of the ticket, the subject included. They apply to every rule that sets one
 * of `signals` (narrowed to `rules` when given); a set without `signals` governs exactly its `rules`
 * (a severity rule such as "completely dead" said of another unit). An `unless` phrase overlapping a cue
 * voids that cue ("不是蒸汽" is not "是蒸汽"); an `unlessInTicket` phrase anywhere in the ticket voids it in every
 * field: the evidence a word needs beside it to mean the hazard ("gone soft" is one only in a ticket that names a
 * part carrying power or heat, or a person's body: "the charger has gone soft", not "the ice cream has gone soft").
 * A `closing` cue is a sign-off standing at the start of a line with at most `windowChars` more characters on it
 * ("Best regards,", "此致"): the lines after it are the sender's signature, where a job title or a disclaimer
 * ("Paralegal", "媒体联络", "regulated by the FCA") names no threat. It cancels the matches it governs from the next
 * line to the end of the field, unless a line beginning with an `until` phrase (a P.S., a quote mark, a forwarded
 * message's header) ends the signature first, or a `keepWith` phrase ("I", "我会", "otherwise") between the sign-off
 * and the end of the match's sentence shows the sender speaking again: a threat written after a sign-off is still one.
 * A `footers` phrase beginning a line below the first opens such a signature from its own line, with no sign-off.
 */
export const cueSet = z
  .strictObject({
    id: key,
    locale: locale.optional(),
    kind: z.enum(['negation', 'hypothetical', 'harmless']),
    position: z.enum(['before', 'after', 'covering', 'ticket', 'closing']),
    windowChars: z.number().int().min(0).max(MAX_CUE_WINDOW).default(24),
    /**
     * A `before` or `after` cue that reaches across sentence ends (never across a blank line, nor past
     * `windowChars`): a story told, then closed ("there was a small fire in the fuse box … the claim was paid
     * out, so that's all done").
     */
    acrossSentences: z.boolean().optional(),
    phrases: z.array(phrase).min(1).max(MAX_RULE_PHRASES),
    /** The cue applies to rules that set one of these; without it, to the `rules` listed. */
    signals: z.array(signalId).min(1).max(6).optional(),
    /** Only these rules (ids), among those setting one of `signals` (when given); default: all of them. */
    rules: z.array(key).min(1).max(200).optional(),
    /** Phrases that void a cue they overlap (a negated cue). */
    unless: z.array(phrase).max(200).optional(),
    /** Phrases that void the cue in every field when one occurs anywhere in the ticket (the evidence it lacks). */
    unlessInTicket: z.array(phrase).max(MAX_RULE_PHRASES).optional(),
    /** `closing` only: a line beginning with one of these ends the signature (a P.S., ">", "-----Original Message"). */
    until: z.array(phrase).max(200).optional(),
    /** `closing` only: one of these from the line after the sign-off to the end of a match's sentence keeps the match (the sender speaking again: "I", "my", "我会"). */
    keepWith: z.array(phrase).max(200).optional(),
    /**
     * `closing` only: a line beginning with one of these is a footer that opens a signature by itself, with no
     * sign-off above it ("Follow us on", "Registered office:", "本邮件及其附件"): from the footer's own line, with the
     * same `until` and `keepWith` limits.
     */
    footers: z.array(phrase).max(200).optional(),
  })
  .refine((cs) => cs.signals || cs.rules, {
    message: 'a cue set needs "signals" or "rules" to say which rules it governs',
    params: { hint: 'add the signals whose rules it cancels, or list the rule ids in "rules"' },
  })
  .refine((cs) => cs.position === 'closing' || (!cs.until && !cs.keepWith && !cs.footers), {
    message: '"until", "keepWith" and "footers" apply only to a cue set with position "closing"',
    params: { hint: 'set "position": "closing", or remove "until", "keepWith" and "footers"' },
  });

/** A severity hint's floors (review.severityHints below). */
const severityHint = z.strictObject({
  modelAt: z.number().min(0).max(1),
  modelAtBySignal: z.partialRecord(signalId, z.number().min(0).max(1)).optional(),
  /** Rule id → a lower floor while that rule matched (ids checked below against classification.rules). */
  modelAtByRule: z.record(key, z.number().min(0).max(1)).optional(),
  /** One paragraph read alone at or above this while the whole text reaches no floor (none without it). */
  passageAt: z.number().min(0).max(1).optional(),
});

/** When a classification needs an agent to confirm it, and who may lower what a signal forces. */
export const review = z.strictObject({
  /** A field whose confidence is below this asks for review. */
  minConfidence: z.number().min(0).max(1).default(0.6),
  /** Tag the connector adds to tickets that need review. */
  tag: tag.default('cd_review'),
  /** Role (from remedies.roles) at or above which an agent may clear a safety signal or lower a forced severity. */
  downgradeRole: z.string().trim().min(1).max(64),
  /** Internal note recorded when a signal is cleared or a forced severity lowered: `{{agent_name}}`, `{{signals}}` (cleared), `{{severity}}` (new), `{{reason}}`. */
  downgradeNote: localizedTemplate(1000),
  /**
   * A signal the classification lacks but something hinted at still asks for review, so a missed hazard
   * is never silent: `modelAt` — the model's P(signal) at or above this (`hint:<signal>:model`), or, for a
   * signal `model.passageSignalAt` lists, one paragraph of a long body read alone at or above it while the whole
   * text is below (`hint:<signal>:passage`);
   * `cueKinds` — a rule setting the signal matched and a cue of one of these kinds cancelled it
   * (`hint:<signal>:cue:<cue id>`). The other way round, a signal the rules found and the classification
   * kept is not a silent alarm either when the model doubts it: `disputedBelow` — the model's P(signal)
   * below this (`hint:<signal>:disputed`).
   */
  signalHints: z
    .partialRecord(
      signalId,
      z.strictObject({
        modelAt: z.number().min(0).max(1).optional(),
        disputedBelow: z.number().min(0).max(1).optional(),
        cueKinds: z
          .array(z.enum(['negation', 'hypothetical', 'harmless']))
          .min(1)
          .max(3)
          .optional(),
      }),
    )
    .optional(),
  /**
   * A ticket classified less severe than a level the model gave real weight to still asks for review,
   * so an unusable product (L1 without a safety signal) is never silently queued as L2/L3: `modelAt` —
   * the model's P(this level or a more severe one) at or above this while the final severity is lower
   * (`hint:severity:<level>:model`); `modelAtBySignal` — a lower floor while the classification carries
   * that signal (an escalating customer's words weigh down the level the model gives the outage):
   * `hint:severity:<level>:model:<signal>`; `modelAtByRule` — a lower floor while that rule matched (a
   * wording that says a whole function is gone without forcing L1): `hint:severity:<level>:model:rule:<id>`;
   * `passageAt` — the whole text below those, but one paragraph of a body of two or more read alone at or above
   * this (a dead machine told between a greeting, a disclaimer and a quoted reply): `hint:severity:<level>:passage`.
   * L3 is the least severe level, so only L1 and L2 take one.
   */
  severityHints: z
    .strictObject({
      L1: severityHint.optional(),
      L2: severityHint.optional(),
    })
    .optional(),
});

/**
 * Money amounts as features for the learned layer (extortion = a demand grossly out of
 * proportion, tied to a threat): currency markers per script, lower case.
 */
export const amounts = z.strictObject({
  /** Markers written before an amount: "$", "£", "hk$", "rmb". */
  before: z.array(z.string().trim().min(1).max(10)).max(100).default([]),
  /** Markers written after an amount: "dollars", "元", "块", "蚊". */
  after: z.array(z.string().trim().min(1).max(10)).max(100).default([]),
  /** The largest amount at least this many times the smallest one is disproportionate. */
  ratio: z.number().min(1).max(1e6).default(10),
  /** An amount at or above this is large on its own. */
  large: z.number().positive().default(10000),
});

export const classification = z
  .strictObject({
    /** Category when no rule gives one. */
    defaultCategory: categoryId,
    /** Category order used to break ties between equal scores (first wins). */
    categoryOrder: z.array(categoryId).length(6, 'list all six categories once'),
    /** Minimum summed weight a category needs to be chosen over `defaultCategory`. */
    minCategoryScore: z.number().nonnegative().default(1),
    rules: z.array(classificationRule).min(1).max(2000, 'at most 2000 classification rules'),
    /** Text replacements applied before matching ([from, to] pairs, e.g. Cantonese 冇 → 没). */
    normalize: z
      .strictObject({
        replace: z
          .array(z.tuple([z.string().min(1).max(20), z.string().max(20)]))
          .max(2000)
          .default([]),
      })
      .default({ replace: [] }),
    cues: z.array(cueSet).max(MAX_CUE_SETS).default([]),
    /** Where a negation cue's clause ends, per locale (clause-starts.ts). */
    clauseStarts: clauseStarts.default([]),
    amounts: amounts.optional(),
    model: modelRef.optional(),
    review: review.optional(),
  })
  .superRefine((c, ctx) => {
    if (new Set(c.categoryOrder).size !== 6)
      ctx.addIssue({
        code: 'custom',
        path: ['categoryOrder'],
        message: 'each category must appear exactly once',
        params: { hint: 'list quality, logistics, usage, service, billing and other once each, in tie-break order' },
      });
    const seen = new Map<string, number>();
    c.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate rule id "${r.id}" (also at rules[${seen.get(r.id)}])`,
          params: { hint: 'give every rule its own id: matches and reports refer to rules by id' },
        });
      else seen.set(r.id, i);
    });
    const sizes = phraseListSizes(c);
    const total = sizes.reduce((s, x) => s + x.n, 0);
    if (total > MAX_POLICY_PHRASES) {
      const largest = [...sizes]
        .sort((a, b) => b.n - a.n)
        .slice(0, 3)
        .map((x) => `${x.where} (${x.n})`)
        .join(', ');
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `${total} phrases in classification rules and cue sets; a policy holds at most ${MAX_POLICY_PHRASES}`,
        params: {
          hint:
            `all of them go into one matcher that every ticket runs through, so more would slow classification and the sidebar's start ` +
            `(measured with \`npm run bench -- phrase-limit\`); remove phrases no ticket needs (\`complaint-desk eval\` shows which rules fire) ` +
            `or write families of variants as one pattern; largest: ${largest}`,
        },
      });
    }
    c.model?.capSeverityRules?.forEach((id, j) => {
      const rule = seen.has(id) ? c.rules[seen.get(id)!] : undefined;
      if (!rule?.sets.severity)
        ctx.addIssue({
          code: 'custom',
          path: ['model', 'capSeverityRules', j],
          message: rule ? `rule "${id}" sets no severity to cap at` : `no classification rule has the id "${id}"`,
          params: { hint: 'name a rule in classification.rules whose sets.severity is the cap' },
        });
    });
    for (const level of ['L1', 'L2'] as const)
      for (const id of Object.keys(c.review?.severityHints?.[level]?.modelAtByRule ?? {}))
        if (!seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['review', 'severityHints', level, 'modelAtByRule', id],
            message: `no classification rule has the id "${id}"`,
            params: { hint: 'name the id of a rule in classification.rules, or remove it from modelAtByRule' },
          });
    c.cues.forEach((cs, i) =>
      (cs.rules ?? []).forEach((id, j) => {
        if (!seen.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['cues', i, 'rules', j],
            message: `no classification rule has the id "${id}"`,
            params: { hint: 'name the id of a rule in classification.rules, or remove it from the cue set' },
          });
      }),
    );
  });
