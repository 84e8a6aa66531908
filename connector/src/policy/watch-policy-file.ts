/**
 * Re-reads the policy file when it changes (fs.watch on its folder, so editors that replace the file
 * are seen too; debounced) and on SIGHUP. Returns a stop function.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from '../ops/create-logger';
import type { PolicyStore } from './create-policy-store';

export function watchPolicyFile(
  store: PolicyStore,
  file: string,
  logger: Logger,
  opts: { debounceMs?: number; sighup?: boolean } = {},
): () => void {
  const full = resolve(file);
  let timer: NodeJS.Timeout | null = null;
  const reload = (why: string) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      logger.info({ file, why }, 'reloading policy file');
      // On PostgreSQL the reload writes to the database: a failure there is logged, never an unhandled rejection.
      const failed = (err: unknown) =>
        logger.warn({ file, err: (err as Error)?.message ?? String(err) }, 'policy file not reloaded; the running policy stays');
      try {
        const r = store.reloadFile();
        if (r instanceof Promise) r.catch(failed);
      } catch (e) {
        failed(e);
      }
    }, opts.debounceMs ?? 150);
    timer.unref?.();
  };
  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(dirname(full), (_event, name) => {
      if (!name || name.toString() === basename(full)) reload('file changed');
    });
    watcher.unref();
  } catch (e) {
    logger.warn({ file, err: (e as Error).message }, 'cannot watch the policy file; use SIGHUP to reload');
  }
  const onHup = () => reload('SIGHUP');
  if (opts.sighup !== false) process.on('SIGHUP', onHup);
  return () => {
    watcher?.close();
    if (timer) clearTimeout(timer);
    process.removeListener('SIGHUP', onHup);
  };
}
