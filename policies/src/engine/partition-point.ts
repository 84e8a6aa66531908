/**
 * Binary search over a sorted list: the first index in [0, n) at which `before(i)` is false, n when it never is.
 * `before` must hold for a prefix of the indexes and fail for the rest. Pure; browser-safe.
 */
export function partitionPoint(n: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
