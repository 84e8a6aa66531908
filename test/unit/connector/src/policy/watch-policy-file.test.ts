import { watchPolicyFile } from '../../../../../connector/src/policy/watch-policy-file';
import { createLogger } from '../../../../../connector/src/ops/create-logger';
import type { PolicyStore } from '../../../../../connector/src/policy/create-policy-store';

describe('watchPolicyFile', () => {
  // Fake timers: the debounce is checked by moving the clock, not by sleeping (no flakiness under load).
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reloads on SIGHUP (debounced) and stops listening when stopped', () => {
    let reloads = 0;
    const store = {
      reloadFile: () => {
        reloads++;
        return { ok: false, problems: [] };
      },
    } as unknown as PolicyStore;
    const before = process.listenerCount('SIGHUP');
    const stop = watchPolicyFile(store, __filename, createLogger({ level: 'silent' }), { debounceMs: 10 });
    process.emit('SIGHUP' as never);
    jest.advanceTimersByTime(5);
    process.emit('SIGHUP' as never);
    jest.advanceTimersByTime(9);
    expect(reloads).toBe(0); // the second signal restarted the debounce
    jest.advanceTimersByTime(1);
    expect(reloads).toBe(1);
    stop();
    expect(process.listenerCount('SIGHUP')).toBe(before);
    process.emit('SIGHUP' as never);
    jest.advanceTimersByTime(100);
    expect(reloads).toBe(1);
  });
});
