/**
 * Phrase limits, measured (`npm run bench -- phrase-limit`; docs/classification.md "Phrase limits and what a
 * pattern costs", the measurements in docs/classification-history.md, round 7). The
 * engine folds the phrases of EVERY rule and cue set into one matcher (compile-rules.ts), so the cost
 * (compile time on the server and in the sidebar, the matcher's size, tickets/s, the policy's download)
 * follows the policy's total, not how phrases are split between rules: splitting one list over two rules
 * buys nothing, so a signal keeps one phrase rule. `MAX_POLICY_PHRASES` is the bound that protects
 * throughput (about twice the default policy's); `MAX_RULE_PHRASES` bounds one list so that a runaway
 * or generated list is caught at the rule that holds it.
 */
export const MAX_RULE_PHRASES = 2000;
export const MAX_POLICY_PHRASES = 10000;
/**
 * Cue sets per policy. Their phrases join the same matcher (bounded by `MAX_POLICY_PHRASES`); doubling the
 * default policy's 50 sets (same phrases) changed neither compile time nor classify speed measurably
 * (round 10, docs/classification.md "Phrase limits"). Round 29: the default policy reached 100, leaving an
 * admin no room for a set of their own; `npm run bench -- phrase-limit` measured its cue phrases split
 * into 200 sets at 0.94–1.03× the rules-alone throughput in nine of ten runs (one read 0.60×).
 */
export const MAX_CUE_SETS = 200;
/** A cue's reach (`windowChars`): the engine reads only the cue hits this near a match (cancelling-cue.ts). */
export const MAX_CUE_WINDOW = 200;

/**
 * Phrases (and `unless` phrases) of each rule and cue set, as `MAX_POLICY_PHRASES` counts them. A `closing` cue
 * set's `until`, `keepWith` and `footers` phrases count too: each list is a regex of its own, searched once per signature
 * (closing-zone.ts, own-words.ts), a cost like any other phrase's.
 */
export function phraseListSizes(c: {
  rules: readonly { id: string; phrases: readonly string[]; unless: readonly string[] }[];
  cues: readonly {
    id: string;
    phrases: readonly string[];
    unless?: readonly string[];
    unlessInTicket?: readonly string[];
    until?: readonly string[];
    keepWith?: readonly string[];
    footers?: readonly string[];
  }[];
}): { where: string; n: number }[] {
  return [
    ...c.rules.map((r, i) => ({ where: `rules[${i}] "${r.id}"`, n: r.phrases.length + r.unless.length })),
    ...c.cues.map((cs, i) => ({
      where: `cues[${i}] "${cs.id}"`,
      n:
        cs.phrases.length +
        (cs.unless?.length ?? 0) +
        (cs.unlessInTicket?.length ?? 0) +
        (cs.until?.length ?? 0) +
        (cs.keepWith?.length ?? 0) +
        (cs.footers?.length ?? 0),
    })),
  ];
}
