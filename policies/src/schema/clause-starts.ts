import { z } from 'zod';
import { key, locale } from './common';

/**
 * Where a new clause starts, per locale: one of `after` (punctuation), optional whitespace, then one
 * of `starters` ("it didn't stop, it rolled into the road"; "没有，但是冒烟了"). A `negation` cue
 * (position `before`) does not reach past it. A cue uses the sets of its own `locale`; a cue without
 * one uses every set. Both lists are normalised like the text (a full-width "，" is ","); Latin
 * starters match whole words, Chinese ones as substrings.
 */
export const clauseStartSet = z.strictObject({
  id: key,
  locales: z.array(locale).min(1).max(3),
  after: z.array(z.string().trim().min(1, 'must not be empty').max(4, 'at most 4 characters')).min(1).max(20),
  starters: z
    .array(z.string().trim().min(1, 'must not be empty').max(30, 'at most 30 characters'))
    .min(1, 'list at least one word that starts a clause')
    .max(300),
});

export const clauseStarts = z
  .array(clauseStartSet)
  .max(10)
  .superRefine((sets, ctx) => {
    const seen = new Map<string, number>();
    sets.forEach((s, i) =>
      s.locales.forEach((l, j) => {
        const first = seen.get(l);
        if (first === undefined) seen.set(l, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: [i, 'locales', j],
            message: `locale "${l}" already has clause starts (clauseStarts[${first}])`,
            params: { hint: 'give each locale one set: add these starters to the first one' },
          });
      }),
    );
  });
