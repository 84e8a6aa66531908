import { slaState } from '../../../../../policies/src/engine';
import type { SlaClock, SlaState } from '../../../../../policies/src/types';
import { formatDuration } from '../../data/format-time';
import type { MessageKey } from '../../i18n/translate';
import type { PanelProps } from '../sidebar-context';
import { Section } from './section';

const RANK: Record<SlaClock['state'], number> = { met: 0, ok: 1, paused: 2, warning: 3, breached: 4 };

/** A clock that does not run (met, stopped or paused at the connector) never counts in the sidebar. */
const frozen = (c: SlaClock) => c.state === 'met' || c.state === 'paused' || c.stoppedAt !== null;

/** The connector's clock, ticked forward to `now` by the recomputed one only while it runs (never back to a better state). */
function merge(server: SlaClock, local: SlaClock | null | undefined): SlaClock {
  if (!local || frozen(server)) return server;
  return RANK[local.state] >= RANK[server.state] ? local : { ...local, state: server.state };
}

/**
 * SLA state at `now` (the connector's time plus what passed in the browser since the view arrived):
 * the view's clocks, ticked with the bundled engine while they run. Stopped, met and paused clocks stay
 * as the connector reported them; a clock the connector called breached stays breached.
 */
export function currentSla(p: Pick<PanelProps, 'view' | 'policy' | 'now'>): SlaState {
  const server = p.view.sla;
  if (!p.policy) return server;
  let local: SlaState;
  try {
    local = slaState(p.view.slaTimeline, p.policy, p.now);
  } catch {
    return server;
  }
  const acknowledge = server.acknowledge ? merge(server.acknowledge, local.acknowledge) : null;
  const respond = merge(server.respond, local.respond);
  const resolve = merge(server.resolve, local.resolve);
  const state = [acknowledge, respond, resolve].reduce<SlaClock['state']>((w, c) => (c && RANK[c.state] > RANK[w] ? c.state : w), 'met');
  return { ...server, acknowledge, respond, resolve, state };
}

function remaining(clock: SlaClock, p: PanelProps): number {
  // Recomputed clocks carry business-time remainders at `now`; without a policy only the due instant is known.
  if (frozen(clock) || p.policy || !clock.dueAt) return clock.remainingMs;
  return Date.parse(clock.dueAt) - p.now;
}

function ClockRow(props: { id: 'acknowledge' | 'respond' | 'resolve'; clock: SlaClock; p: PanelProps }) {
  const { clock, p } = props;
  const { t } = p;
  const left = remaining(clock, p);
  let detail: string;
  if (clock.state === 'met') detail = t('sla.metAt', { at: p.at(clock.stoppedAt) });
  else if (clock.state === 'paused') detail = t('sla.pausedNote');
  else detail = left < 0 ? t('sla.overdue', { time: formatDuration(left) }) : t('sla.left', { time: formatDuration(left) });
  return (
    <li class={`cd-clock cd-state-${clock.state}`} data-clock={props.id} data-state={clock.state}>
      <span class="cd-clock-name">{t(`sla.clock.${props.id}` as MessageKey)}</span>
      <span class={`cd-badge cd-state-${clock.state}`}>{t(`sla.state.${clock.state}` as MessageKey)}</span>
      <span class="cd-countdown" data-field="countdown" aria-live="off">
        {detail}
      </span>
      {clock.dueAt && clock.state !== 'met' && <span class="cd-due">{t('sla.due', { at: p.at(clock.dueAt) })}</span>}
    </li>
  );
}

export function SlaPanel(p: PanelProps) {
  const sla = currentSla(p);
  return (
    <Section collapsible id="sla" title={p.t('section.sla')}>
      <ul class="cd-clocks" data-state={sla.state}>
        {sla.acknowledge && <ClockRow id="acknowledge" clock={sla.acknowledge} p={p} />}
        <ClockRow id="respond" clock={sla.respond} p={p} />
        <ClockRow id="resolve" clock={sla.resolve} p={p} />
      </ul>
      <p class="cd-muted" data-field="calendar" data-value={sla.calendar}>
        {p.t('sla.calendar', { calendar: p.policy?.calendars[sla.calendar]?.label?.[p.locale] ?? sla.calendar })}
      </p>
      <p class="cd-muted" data-field="time-zone">
        {p.t('sla.zone', { zone: p.timeZone })}
      </p>
    </Section>
  );
}
