import { z } from 'zod';
import { key, locale } from './common';

const mark = z.string().trim().min(1, 'must not be empty').max(4, 'at most 4 characters');

/**
 * Where a new clause starts, per locale: one of `breaks` (punctuation that starts a clause on its own:
 * the Chinese "，", where lists use "、"), or one of `after`, optional whitespace and one of `starters`
 * ("it didn't stop, it rolled into the road"). A `negation` cue (position `before`) does not reach past
 * it. A cue uses the set of its own `locale`; a cue without one uses every set. All three lists are
 * normalised like the text (a full-width "，" is ","); Latin starters match whole words, Chinese ones
 * as substrings.
 */
export const clauseStartSet = z
  .strictObject({
    id: key,
    locales: z.array(locale).min(1).max(3),
    breaks: z.array(mark).max(20).default([]),
    after: z.array(mark).max(20).default([]),
    starters: z.array(z.string().trim().min(1, 'must not be empty').max(30, 'at most 30 characters')).max(300).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.after.length && !s.starters.length)
      ctx.addIssue({
        code: 'custom',
        path: ['starters'],
        message: 'list at least one word that starts a clause after the punctuation in "after"',
        params: { hint: 'e.g. "but", "it", "但是"; or move the punctuation to "breaks" if it starts a clause on its own' },
      });
    else if (s.starters.length && !s.after.length)
      ctx.addIssue({
        code: 'custom',
        path: ['after'],
        message: 'starters need the punctuation they follow',
        params: { hint: 'e.g. "after": [",", ":"]' },
      });
    else if (!s.breaks.length && !s.after.length)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'a clause-start set needs "breaks" or "after" with "starters"',
        params: { hint: 'add the punctuation that starts a clause ("breaks"), or "after" and "starters"' },
      });
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
