import { slaState } from '../../../../../policies/src/engine';
import type { Clock, SlaState } from '../../../../../policies/src/types';
import { formatAt, formatDuration } from '../../data/format-time';
import type { MessageKey } from '../../i18n/translate';
import type { PanelProps } from '../sidebar-context';
import { Section } from './section';

/** SLA state at `now`: recomputed with the bundled engine when the policy is known, else the view's. */
export function currentSla(p: Pick<PanelProps, 'view' | 'policy' | 'now'>): SlaState {
  if (!p.policy) return p.view.sla;
  try {
    return slaState(p.view.slaTimeline, p.policy, p.now);
  } catch {
    return p.view.sla;
  }
}

function remaining(clock: Clock, p: PanelProps, computed: boolean): number {
  if (computed || !clock.dueAt) return clock.remainingMs;
  return Date.parse(clock.dueAt) - p.now;
}

function ClockRow(props: { id: 'acknowledge' | 'respond' | 'resolve'; clock: Clock; p: PanelProps; computed: boolean }) {
  const { clock, p } = props;
  const { t } = p;
  const left = remaining(clock, p, props.computed);
  let detail: string;
  if (clock.state === 'met') detail = t('sla.metAt', { at: formatAt(clock.stoppedAt, p.locale, p.timeZone) });
  else if (clock.state === 'paused') detail = t('sla.pausedNote');
  else detail = left < 0 ? t('sla.overdue', { time: formatDuration(left) }) : t('sla.left', { time: formatDuration(left) });
  return (
    <li class={`cd-clock cd-state-${clock.state}`} data-clock={props.id} data-state={clock.state}>
      <span class="cd-clock-name">{t(`sla.${props.id}` as MessageKey)}</span>
      <span class={`cd-badge cd-state-${clock.state}`}>{t(`sla.state.${clock.state}` as MessageKey)}</span>
      <span class="cd-countdown" data-field="countdown" aria-live="off">{detail}</span>
      {clock.dueAt && clock.state !== 'met' && <span class="cd-due">{t('sla.due', { at: formatAt(clock.dueAt, p.locale, p.timeZone) })}</span>}
    </li>
  );
}

export function SlaPanel(p: PanelProps) {
  const sla = currentSla(p);
  const computed = sla !== p.view.sla;
  return (
    <Section id="sla" title={p.t('section.sla')}>
      <ul class="cd-clocks" data-state={sla.state}>
        {sla.acknowledge && <ClockRow id="acknowledge" clock={sla.acknowledge} p={p} computed={computed} />}
        <ClockRow id="respond" clock={sla.respond} p={p} computed={computed} />
        <ClockRow id="resolve" clock={sla.resolve} p={p} computed={computed} />
      </ul>
      <p class="cd-muted">{p.t('sla.calendar', { calendar: sla.calendar })}</p>
    </Section>
  );
}
