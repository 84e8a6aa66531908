/** The agent's actions: each posts to the connector, then reloads the view; failures become a visible message. */
import { useMemo } from 'preact/hooks';
import { ConnectorUnreachable, type HostApi } from '../host/host-api';
import { errorReason, viewPath } from '../data/load-view';
import { requestWithTimeout } from '../data/request-with-timeout';
import type { Translate } from '../i18n/translate';
import type { SidebarActions } from './sidebar-context';

/** Delay before re-reading the view after an action the connector queued (202). */
export const ACCEPTED_RELOAD_MS = 1500;

export interface ActionDeps {
  host: HostApi;
  t: Translate;
  reload(): Promise<void>;
  setBusy(b: boolean): void;
  setError(msg: string | null): void;
}

export function useSidebarActions(d: ActionDeps): SidebarActions {
  return useMemo(() => {
    async function post(suffix: string, body: unknown): Promise<void> {
      d.setBusy(true);
      d.setError(null);
      try {
        const res = await requestWithTimeout(d.host, viewPath(d.host, suffix), { method: 'POST', body });
        if (res.status >= 400) d.setError(d.t('error.action', { reason: errorReason(res) }));
        await d.reload();
        // 202: queued for the pipeline; look again once it has had time to apply the action.
        if (res.status === 202) setTimeout(() => void d.reload(), ACCEPTED_RELOAD_MS);
      } catch (e) {
        d.setError(d.t('error.action', { reason: e instanceof ConnectorUnreachable ? e.message : (e as Error).message }));
      } finally {
        d.setBusy(false);
      }
    }
    return {
      correct: (category, severity) => post('correction', { category, severity }),
      chooseRemedy: (rank) => post('remedy', { rank }),
      rejectRemedy: () => post('remedy-rejected', {}),
      addEvidence: (kind, description) => post('evidence', { kind, description }),
      async exportEvidence() {
        const { host: h, ticketId } = d.host.context;
        try {
          const res = await requestWithTimeout(d.host, `/api/v1/evidence/${encodeURIComponent(h)}/${encodeURIComponent(ticketId)}`);
          if (res.status !== 200) return d.setError(d.t('error.action', { reason: errorReason(res) }));
          const url = URL.createObjectURL(new Blob([JSON.stringify(res.body, null, 2)], { type: 'application/json' }));
          const a = document.createElement('a');
          a.href = url;
          a.download = `evidence-${h}-${ticketId}.json`;
          a.click();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
        } catch (e) {
          d.setError(d.t('error.action', { reason: (e as Error).message }));
        }
      },
      insert: (text) => d.host.insertIntoEditor(text),
    };
  }, [d.host, d.t]);
}
