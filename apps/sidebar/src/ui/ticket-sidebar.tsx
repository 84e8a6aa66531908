/** The ticket sidebar: loads the view (or the offline view), ticks the clock, renders the panels. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Policy } from '../../../../policies/src/types';
import { guardReason } from '../data/save-guard';
import { readCache, type CachedPolicy, type KeyValueStore } from '../data/load-policy';
import { loadSidebarData } from '../data/load-sidebar';
import { loadView, type ViewState } from '../data/load-view';
import type { HostApi } from '../host/host-api';
import { translator } from '../i18n/translate';
import { labelsFor } from './labels';
import { ClassificationPanel } from './panels/classification-panel';
import { EscalationPanel } from './panels/escalation-panel';
import { EvidencePanel, isEvidenceRelevant } from './panels/evidence-panel';
import { HistoryPanel } from './panels/history-panel';
import { IntakePanel, RootCausePanel } from './panels/intake-panel';
import { RemediesPanel } from './panels/remedies-panel';
import { ScriptsPanel } from './panels/scripts-panel';
import { SlaPanel } from './panels/sla-panel';
import { SummaryPanel } from './panels/summary-panel';
import { readerFormats } from '../data/reader-formats';
import type { PanelProps } from './sidebar-context';
import { useNow, type SidebarClock } from './use-now';
import { useSidebarActions } from './use-sidebar-actions';
import { lowestRole, readerZone } from '../../../../policies/src/engine';

/** How often the sidebar retries the connector while it is unreachable. */
export const OFFLINE_RETRY_MS = 30_000;

export interface TicketSidebarProps {
  host: HostApi;
  clock: SidebarClock;
  store: KeyValueStore | null;
}

export function TicketSidebar({ host, clock, store }: TicketSidebarProps) {
  // The agent's zone (agent.timeZone) is read only once a view is shown: its check loads ICU (host-api.ts).
  const { locale, role } = host.context.agent;
  const t = useMemo(() => translator(locale), [locale]);
  const [policy, setPolicy] = useState<CachedPolicy | null>(() => readCache(store));
  const [state, setState] = useState<ViewState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<{ policy: CachedPolicy | null; state: ViewState | null }>({ policy, state });
  latest.current = { policy, state };
  const browserNow = useNow(clock);
  // The connector's clock is the truth (the sandbox's virtual clock included): the sidebar starts from the
  // view's `now` and only adds the time that passed in the browser since the view arrived.
  const anchor = useRef<{ viewNow: number; loadedAt: number } | null>(null);
  const now = anchor.current ? anchor.current.viewNow + (browserNow - anchor.current.loadedAt) : browserNow;

  const reload = useCallback(async () => {
    // The host moved this instance to another ticket (Freshworks app.activated): no actions on the old view.
    const shown = latest.current.state;
    if (shown && 'view' in shown && shown.view.ticketId !== host.context.ticketId) setState(null);
    // One host request per ticket open: the view, plus the policy only when it changed (data/load-sidebar.ts).
    const { policy: nextPolicy, state: next } = await loadSidebarData(host, store, () => clock.now());
    setPolicy(nextPolicy);
    const viewNow = next.kind === 'online' || next.kind === 'offline' ? Date.parse(next.view.now) : NaN;
    anchor.current = Number.isFinite(viewNow) ? { viewNow, loadedAt: clock.now() } : null;
    setState(next);
  }, [host, store, clock]);

  // Layout effect: load at once, not after the next frame (hidden sidebars get few frames).
  useLayoutEffect(() => {
    void reload();
    host.onTicketChanged(() => void reload());
    host.onSaveGuard(async (tags) => {
      const tag = latest.current.policy?.policy.evidence.maliciousTag ?? null;
      if (!tag || !tags.includes(tag)) return null;
      const fresh = await loadView(host, null, clock.now()).catch((): ViewState => ({ kind: 'error', reason: '' }));
      const ev = fresh.kind === 'online' ? fresh.view.evidence : null;
      return guardReason(tags, { maliciousTag: tag, evidence: ev }, t);
    });
  }, [host]);

  // While the connector is unreachable, try again now and then (the Retry button does it at once).
  const offlineNow = state?.kind === 'offline' || state?.kind === 'offline-empty';
  useEffect(() => {
    if (!offlineNow) return;
    const id = setInterval(() => void reload(), OFFLINE_RETRY_MS);
    return () => clearInterval(id);
  }, [offlineNow, reload]);

  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = root.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => host.resize(el.scrollHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, [host]);

  const actions = useSidebarActions({ host, t, reload, setBusy, setError });
  const retry = (
    <button
      type="button"
      onClick={() => {
        setState(null);
        void reload();
      }}
    >
      {t('offline.retry')}
    </button>
  );

  let body;
  if (!state)
    body = (
      <p role="status" class="cd-muted">
        {t('loading')}
      </p>
    );
  else if (state.kind === 'unknown')
    body = (
      <div role="status" class="cd-banner cd-offline" data-unknown="ticket">
        {state.reason} {retry}
      </div>
    );
  else if (state.kind === 'error')
    body = (
      <div role="alert" class="cd-banner cd-error">
        {t('error.load', { reason: state.reason })} {retry}
      </div>
    );
  else if (state.kind === 'offline-empty')
    body = (
      <div role="alert" class="cd-banner cd-offline" data-offline="empty">
        {t('offline.noPolicy')} {retry}
      </div>
    );
  else {
    const pol = (policy?.policy ?? null) as Policy | null;
    const offline = state.kind === 'offline';
    // No role named (no agent_roles line matched): the policy's lowest-ranked role, as the connector assumes.
    const effectiveRole = role || (pol ? lowestRole(pol) : '');
    // One zone for this reader: the host's zone for the agent, else the one the policy names for agents (the
    // connector worked it out the same way when its view carries `display`).
    const formats = readerFormats(state.view, locale, () => host.context.agent.timeZone ?? (pol ? readerZone(pol, 'agents') : 'UTC'));
    const p: PanelProps = {
      view: state.view,
      policy: pol,
      t,
      labels: labelsFor(pol, locale),
      locale,
      ...formats,
      now,
      offline,
      busy,
      role: effectiveRole,
      actions,
    };
    body = (
      <>
        {offline && (
          <div role="alert" class="cd-banner cd-offline" data-offline="local">
            {t('offline.banner', { version: state.policyVersion })} {retry}
          </div>
        )}
        {error && (
          <div role="alert" class="cd-banner cd-error">
            {error}
          </div>
        )}
        {host.context.warnings?.length ? (
          <div role="alert" class="cd-banner cd-offline" data-warning="settings">
            {t('settings.roleProblems', { role, problems: host.context.warnings.join('; ') })}
          </div>
        ) : null}
        <SummaryPanel {...p} />
        <ClassificationPanel key={`c-${state.view.correction?.at ?? ''}`} {...p} />
        <SlaPanel {...p} />
        <ScriptsPanel {...p} />
        <RemediesPanel {...p} />
        <EscalationPanel {...p} />
        <IntakePanel {...p} />
        <RootCausePanel {...p} />
        {isEvidenceRelevant(p) && <EvidencePanel {...p} />}
        <HistoryPanel {...p} />
      </>
    );
  }
  return (
    <div ref={root} class="cd-root" lang={locale} aria-busy={busy ? 'true' : 'false'} data-ready={state ? state.kind : 'loading'}>
      {body}
    </div>
  );
}
