/** Waits for the host client (ZAF / Freshworks / sandbox) before anything renders; a failed start is shown, not spun. */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useLayoutEffect, useState } from 'preact/hooks';
import type { HostApi } from '../host/host-api';
import { translator } from '../i18n/translate';

const HostContext = createContext<HostApi | null>(null);

export function useHost(): HostApi {
  const h = useContext(HostContext);
  if (!h) throw new Error('useHost outside HostProvider');
  return h;
}

export function HostProvider(props: { connect: () => Promise<HostApi>; timeoutMs?: number; children: ComponentChildren }) {
  const [host, setHost] = useState<HostApi | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // Layout effect: start at once (a passive effect waits for the next frame, up to 100 ms in a hidden iframe).
  useLayoutEffect(() => {
    const timer = setTimeout(() => setFailed('timeout'), props.timeoutMs ?? 15_000);
    props.connect().then(
      (h) => {
        clearTimeout(timer);
        setHost(h);
      },
      (e: Error) => {
        clearTimeout(timer);
        setFailed(e.message);
      },
    );
    return () => clearTimeout(timer);
  }, []);
  const t = translator('en');
  if (failed && !host)
    return (
      <div role="alert" class="cd-banner cd-error">
        {t('host.failed', { reason: failed })}
      </div>
    );
  if (!host)
    return (
      <p role="status" class="cd-muted">
        {t('host.waiting')}
      </p>
    );
  return <HostContext.Provider value={host}>{props.children}</HostContext.Provider>;
}
