import { createWakeTimer } from '../../../../../connector/src/pipeline/fleet-wake';

describe('createWakeTimer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('fires once at the earliest time asked for; later asks are dropped until it fired', () => {
    const fire = jest.fn();
    const t = createWakeTimer(fire);
    t.at(1_000_500);
    t.at(1_000_200); // earlier: replaces
    t.at(1_000_900); // later: dropped
    jest.advanceTimersByTime(199);
    expect(fire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1000);
    expect(fire).toHaveBeenCalledTimes(1);
    t.at(Date.now() + 50); // re-armed after firing
    jest.advanceTimersByTime(50);
    expect(fire).toHaveBeenCalledTimes(2);
  });

  it('a time already past fires on the next turn; stop cancels', () => {
    const fire = jest.fn();
    const t = createWakeTimer(fire);
    t.at(0);
    jest.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    t.at(Date.now() + 10);
    t.stop();
    jest.advanceTimersByTime(100);
    expect(fire).toHaveBeenCalledTimes(1);
  });
});
