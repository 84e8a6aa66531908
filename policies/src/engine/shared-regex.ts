/**
 * The regexes the rule compiler makes. Where the server registers a sharing (policies/server/share-regexps.ts,
 * with the pattern indexes), policies that compile the same source and flags get the same RegExp object, so V8
 * compiles it once for all of them; elsewhere (the sidebar, which compiles one policy) each is a new RegExp.
 */
let share: ((source: string, flags: string) => RegExp) | null = null;

/** Registers how regexes are shared for every policy compiled from now on (null: not at all). */
export function shareRegExps(s: ((source: string, flags: string) => RegExp) | null): void {
  share = s;
}

/** `new RegExp(source, flags)`, or the registered sharing's (throws as it does). */
export function sharedRegExp(source: string, flags: string): RegExp {
  return share ? share(source, flags) : new RegExp(source, flags);
}
