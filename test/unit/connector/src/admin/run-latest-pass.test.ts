import { runLatestPass } from '../../../../../connector/src/admin/run-latest-pass';
import { createLogger } from '../../../../../connector/src/ops/create-logger';

const logger = createLogger({ level: 'silent' });

test('starts during a pass queue behind it and only the newest runs; the running pass sees it is superseded', async () => {
  const ran: number[] = [];
  const superseded: boolean[] = [];
  let release!: () => void;
  const firstHeld = new Promise<void>((r) => (release = r));
  const runner = runLatestPass(
    async (gen) => {
      ran.push(gen);
      if (gen === 1) {
        await firstHeld;
        superseded.push(!runner.isCurrent(gen));
      }
    },
    logger,
    'stopped',
    () => undefined,
  );
  runner.start();
  await new Promise((r) => setImmediate(r));
  runner.start();
  runner.start();
  release();
  await runner.idle();
  expect(ran).toEqual([1, 3]);
  expect(superseded).toEqual([true]);
});

test('a failed pass calls onFailed only while it is the newest start', async () => {
  let failed = 0;
  let supersede = false;
  const runner = runLatestPass(
    async () => {
      if (supersede) runner.stop();
      throw new Error('database away');
    },
    logger,
    'stopped',
    () => failed++,
  );
  runner.start();
  await runner.idle();
  expect(failed).toBe(1);
  supersede = true;
  runner.start();
  await runner.idle();
  expect(failed).toBe(1);
});
