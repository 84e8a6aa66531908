/** The in-process sliding-log limiter on a fake clock: at most `limit` grants in any window, first come first served, each grant reported at the limiter's own time. */
import { createSlidingLimiter } from '../../../../../connector/src/hosts/create-sliding-limiter';

beforeEach(() => jest.useFakeTimers({ now: 1000 }));
afterEach(() => jest.useRealTimers());

describe('createSlidingLimiter', () => {
  it('grants the budget at once, the rest when the oldest grant leaves the window, in order, reporting each grant', async () => {
    const grants: number[] = [];
    const limiter = createSlidingLimiter(3, 100, Date.now, (t) => grants.push(t));
    const order: number[] = [];
    for (let i = 0; i < 5; i++) void limiter.acquire().then(() => order.push(i));
    await jest.advanceTimersByTimeAsync(0);
    expect(grants).toEqual([1000, 1000, 1000]);
    expect(order).toEqual([0, 1, 2]);
    expect(limiter.inWindow()).toBe(3);
    await jest.advanceTimersByTimeAsync(99);
    expect(grants).toHaveLength(3); // a grant at 1000 counts for (1000 - 100, 1000]..(1000, 1100)
    await jest.advanceTimersByTimeAsync(2);
    expect(grants).toEqual([1000, 1000, 1000, 1101, 1101]);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('refuses a budget below one call or a window of no length', () => {
    expect(() => createSlidingLimiter(0, 100)).toThrow(RangeError);
    expect(() => createSlidingLimiter(3, 0)).toThrow(RangeError);
  });
});
