/**
 * Makes V8 compile every regex to machine code at its first use instead of interpreting it first and
 * "tiering up" later. Why: V8 (11.3, Node 20) stops optimising regexes compiled once the process holds
 * more than 16 MB of executable code (`TooMuchRegExpCode`). With tier-up, the hot regexes of the policy
 * are compiled natively only after their first runs — for Chinese text, after an English workload has
 * already filled that budget — so they run unoptimised (round 12 bench: Chinese 1.0–1.7k tickets/s
 * rules alone; with this flag 7.9–8.4k, and CFPB with the model 20–22k → 24k; docs/classification.md §8).
 * Setting the flag from JavaScript is what `node --no-regexp-tier-up` does at start; it only decides how
 * a regex is compiled when it next runs, so it is safe to set at any point, once per process.
 */
import v8 from 'node:v8';

let set = false;

export function compileRegexpsNatively(): void {
  if (set) return;
  v8.setFlagsFromString('--no-regexp-tier-up');
  set = true;
}
