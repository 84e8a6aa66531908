/**
 * One RegExp object per (source, flags) in the process, while any compiled policy holds it. Every
 * policy object compiles its own classifier (the server keeps several: the served policy, a preview, the
 * same policy with and without the learned layer), and V8 keeps machine code per RegExp object; shared
 * objects are compiled once. Their `lastIndex` is shared too, which is safe because every scan sets it
 * before it runs a regex and classification is synchronous. Entries are weak: a regex no compiled policy
 * uses any more is collected as before. Registered for the rule compiler (engine/shared-regex.ts) with the
 * pattern indexes (pattern-indexes.ts); the sidebar, which compiles one policy, makes its own.
 */
const shared = new Map<string, WeakRef<RegExp>>();
const forget = new FinalizationRegistry<string>((key) => {
  if (!shared.get(key)?.deref()) shared.delete(key);
});

/** `new RegExp(source, flags)`, or the live one made with the same source and flags (throws as it does). */
export function shareRegExp(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  const live = shared.get(key)?.deref();
  if (live) return live;
  const re = new RegExp(source, flags);
  shared.set(key, new WeakRef(re));
  forget.register(re, key);
  return re;
}
