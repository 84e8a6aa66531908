import { partitionPoint } from '../../../../../policies/src/engine/partition-point';

describe('partitionPoint: the first index of a sorted list where the prefix condition fails', () => {
  const starts = [2, 5, 5, 9, 14];

  it('finds the first value at or after a bound, and the last one at or before it', () => {
    expect(partitionPoint(starts.length, (i) => starts[i] < 5)).toBe(1);
    expect(partitionPoint(starts.length, (i) => starts[i] <= 5) - 1).toBe(2);
    expect(partitionPoint(starts.length, (i) => starts[i] < 10)).toBe(4);
  });

  it('gives 0 when nothing comes before, n when everything does, and 0 for an empty list', () => {
    expect(partitionPoint(starts.length, (i) => starts[i] < 0)).toBe(0);
    expect(partitionPoint(starts.length, (i) => starts[i] < 100)).toBe(5);
    expect(partitionPoint(0, () => true)).toBe(0);
  });
});
