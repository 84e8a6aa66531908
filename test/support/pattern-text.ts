/** Text for the English pattern scanners' equivalence tests: the default policy's own words as soup, and real tickets. */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** The tests' seeded generator: `rnd(n)` in [0, n), the same sequence for the same seed. */
export function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => (((s = (s * 1103515245 + 12345) % 2147483648) % n) + n) % n;
}

/** Every `patterns` source of the default policy's rules. */
export function defaultPolicyPatterns(): string[] {
  const policy = JSON.parse(fs.readFileSync(path.join(root, 'policies/default.json'), 'utf8'));
  return policy.classification.rules.flatMap((r: { patterns?: string[] }) => r.patterns ?? []);
}

/** 30 lines of 80 words and punctuation pulled out of `sources`, a fourth upper-cased, each followed by one of `seps`. */
export function patternWordSoup(sources: string[], rnd: (n: number) => number, seps: string[]): string[] {
  const words = [...new Set(sources.join(' ').match(/[a-z]+|\d+|[.,!?;:'>$-]/gi) ?? [])];
  return Array.from({ length: 30 }, () =>
    Array.from({ length: 80 }, () => {
      const w = words[rnd(words.length)];
      return (rnd(4) === 0 ? w.toUpperCase() : w) + seps[rnd(seps.length)];
    }).join(''),
  );
}

/** Real complaints: every 40th all-ASCII English training description, the first 100. */
export function asciiEnglishDescriptions(): string[] {
  return fs
    .readFileSync(path.join(root, 'policies/training/train.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { lang: string; description?: string })
    .filter((t) => t.lang === 'en')
    .map((t) => t.description ?? '')
    .filter((t) => t && /^[\x00-\x7f]*$/.test(t))
    .filter((_, i) => i % 40 === 0)
    .slice(0, 100);
}
