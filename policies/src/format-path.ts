/**
 * A JSON path as people read it (`classification.rules[3].patterns[0]`). Its own file, free of the policy schema:
 * the ticket readers of `classify` and `eval` name a bad field with it without building the whole zod schema
 * (about 0.07 s of CPU per process).
 */

/** Longest key shown in a path; longer (hostile) keys are cut with "…". */
const MAX_KEY_CHARS = 100;
/** A key as shown in a path or a message: cut at MAX_KEY_CHARS. */
export const shortKey = (s: string) => (s.length > MAX_KEY_CHARS ? `${s.slice(0, MAX_KEY_CHARS)}…` : s);

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const raw of path) {
    const p = typeof raw === 'string' ? shortKey(raw) : raw;
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(document)';
}
