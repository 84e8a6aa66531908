import { watchPolicyFile } from '../../../../../connector/src/policy/watch-policy-file';
import { createLogger } from '../../../../../connector/src/ops/create-logger';
import type { PolicyStore } from '../../../../../connector/src/policy/create-policy-store';

describe('watchPolicyFile', () => {
  it('reloads on SIGHUP (debounced) and stops listening when stopped', async () => {
    let reloads = 0;
    const store = { reloadFile: () => { reloads++; return { ok: false, problems: [] }; } } as unknown as PolicyStore;
    const stop = watchPolicyFile(store, __filename, createLogger({ level: 'silent' }), { debounceMs: 10 });
    process.emit('SIGHUP' as never);
    process.emit('SIGHUP' as never);
    await new Promise((r) => setTimeout(r, 50));
    expect(reloads).toBe(1);
    stop();
    const listeners = process.listenerCount('SIGHUP');
    process.emit('SIGHUP' as never);
    await new Promise((r) => setTimeout(r, 50));
    expect(reloads).toBe(1);
    expect(listeners).toBe(0);
  });
});
