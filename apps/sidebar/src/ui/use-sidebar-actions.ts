/** The agent's actions: each posts to the connector, then reloads the view; failures become a visible message. */
import { useMemo } from 'preact/hooks';
import { ConnectorUnreachable, type HostApi } from '../host/host-api';
import { downloadJson, fetchEvidenceBundle } from '../data/export-evidence';
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
      correct: (category, severity, extra = {}) =>
        post('correction', {
          category,
          severity,
          ...(extra.reason?.trim() ? { reason: extra.reason.trim() } : {}),
          ...(extra.clearSignals?.length ? { clearSignals: extra.clearSignals } : {}),
        }),
      confirm: () => post('correction', { confirm: true }),
      chooseRemedy: (rank) => post('remedy', { rank }),
      rejectRemedy: () => post('remedy-rejected', {}),
      addEvidence: (kind, description) => post('evidence', { kind, description }),
      decideRemedy: (decision, comment) => post('remedy-approval', comment.trim() ? { decision, comment: comment.trim() } : { decision }),
      async exportEvidence() {
        d.setError(null);
        try {
          const got = await fetchEvidenceBundle(d.host);
          if (!got.ok) {
            d.setError(d.t('error.action', { reason: got.reason }));
            return null;
          }
          downloadJson(got.fileName, got.bundle);
          return {
            headHash: got.bundle.headHash ?? null,
            entries: Array.isArray(got.bundle.entries) ? got.bundle.entries.length : 0,
            fileName: got.fileName,
          };
        } catch (e) {
          d.setError(d.t('error.action', { reason: (e as Error).message }));
          return null;
        }
      },
      insert: (text) => d.host.insertIntoEditor(text),
    };
  }, [d.host, d.t]);
}
