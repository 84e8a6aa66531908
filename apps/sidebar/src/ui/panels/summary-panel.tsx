/**
 * The first screen: how urgent (severity, signals), how long left (the most urgent clock), what next
 * (pending approval, missing intake, the suggested script with Insert). Everything else is detail below.
 */
import { useState } from 'preact/hooks';
import type { SlaClock } from '../../../../../policies/src/types';
import { formatDuration } from '../../data/format-time';
import { chosenRemedy } from '../../data/remedy-approval';
import type { MessageKey } from '../../i18n/translate';
import { setSectionOpen } from '../section-state';
import type { PanelProps } from '../sidebar-context';
import { currentSla } from './sla-panel';

type ClockId = 'acknowledge' | 'respond' | 'resolve';

/** The clock an agent must watch: a running or breached clock with the least time left; else the worst. */
export function mostUrgentClock(clocks: [ClockId, SlaClock | null][]): [ClockId, SlaClock] | null {
  const present = clocks.filter((c): c is [ClockId, SlaClock] => c[1] !== null);
  const counting = present.filter(([, c]) => c.state !== 'met' && c.state !== 'paused' && c.stoppedAt === null);
  if (counting.length) return counting.sort((a, b) => a[1].remainingMs - b[1].remainingMs)[0];
  const rank = { met: 0, ok: 1, paused: 2, warning: 3, breached: 4 } as const;
  return present.sort((a, b) => rank[b[1].state] - rank[a[1].state])[0] ?? null;
}

function reveal(id: string): void {
  setSectionOpen(id, true);
  requestAnimationFrame(() => document.querySelector(`[data-panel="${id}"]`)?.scrollIntoView({ block: 'start' }));
}

export function SummaryPanel(p: PanelProps) {
  const { view, t, labels } = p;
  const [inserted, setInserted] = useState(false);
  const severity = view.correction?.severity ?? view.classification.severity;
  const category = view.correction?.category ?? view.classification.category;
  const signals = view.classification.signals;
  const sla = currentSla(p);
  const urgent = mostUrgentClock([
    ['acknowledge', sla.acknowledge],
    ['respond', sla.respond],
    ['resolve', sla.resolve],
  ]);
  const chosen = chosenRemedy(view);
  const script = view.scripts[0] ?? null;
  let left = '';
  if (urgent) {
    const [, c] = urgent;
    if (c.state === 'met') left = t('sla.metAt', { at: p.at(c.stoppedAt) });
    else if (c.state === 'paused') left = t('sla.pausedNote');
    else
      left =
        c.remainingMs < 0
          ? t('sla.overdue', { time: formatDuration(c.remainingMs) })
          : t('sla.left', { time: formatDuration(c.remainingMs) });
  }
  return (
    <section class="cd-section cd-summary" aria-labelledby="cd-h-summary" data-panel="summary">
      <h2 id="cd-h-summary" class="cd-visually-hidden">
        {t('section.summary')}
      </h2>
      <div class="cd-summary-head">
        <span class={`cd-badge cd-sev-${severity}`} data-field="summary-severity" data-value={severity}>
          {labels.severity(severity)}
        </span>
        <span data-field="summary-category" data-value={category}>
          {labels.category(category)}
        </span>
        {signals.map((s) => (
          <span key={s} class={`cd-chip cd-sig-${s}`} data-signal={s}>
            {labels.signal(s)}
          </span>
        ))}
      </div>
      {urgent && (
        <p class={`cd-urgent cd-state-${urgent[1].state}`} data-field="urgent-clock" data-clock={urgent[0]} data-state={urgent[1].state}>
          <strong>{t(`sla.clock.${urgent[0]}` as MessageKey)}</strong>{' '}
          <span class={`cd-badge cd-state-${urgent[1].state}`}>{t(`sla.state.${urgent[1].state}` as MessageKey)}</span>{' '}
          <span class="cd-countdown">{left}</span>
          {urgent[1].dueAt && urgent[1].state !== 'met' && <span class="cd-due"> · {t('sla.due', { at: p.at(urgent[1].dueAt) })}</span>}
        </p>
      )}
      <h3>{t('summary.next')}</h3>
      <ul class="cd-next" data-field="next-steps">
        {chosen?.approval === 'pending' && (
          <li data-next="approval">
            {t('summary.approvalPending', { option: t(`remedy.rank.${chosen.rank}` as MessageKey) })}{' '}
            <button type="button" class="cd-link" onClick={() => reveal('remedies')}>
              {t('summary.open', { section: t('section.remedies') })}
            </button>
          </li>
        )}
        {view.intake.length > 0 && (
          <li data-next="intake">{t('summary.askFor', { fields: view.intake.map((g) => g.label).join(t('list.separator')) })}</li>
        )}
        {view.evidence.suspected && !view.evidence.frozen && (
          <li data-next="evidence">
            {t('summary.evidence')}{' '}
            <button type="button" class="cd-link" onClick={() => reveal('evidence')}>
              {t('summary.open', { section: t('section.evidence') })}
            </button>
          </li>
        )}
        {script && (
          <li data-next="script" data-script={script.id}>
            <div class="cd-row">
              <strong>{script.label}</strong>
              <button
                type="button"
                aria-label={`${t('scripts.insert')}: ${script.label}`}
                disabled={p.busy}
                onClick={() => {
                  void p.actions.insert(script.text).then(() => setInserted(true));
                }}
              >
                {t('scripts.insert')}
              </button>
            </div>
            <p class="cd-script-text cd-clamp" data-field="suggested-script">
              {script.text}
            </p>
            {inserted && (
              <p class="cd-ok" role="status">
                {t('scripts.inserted')}
              </p>
            )}
          </li>
        )}
        {!script && chosen?.approval !== 'pending' && view.intake.length === 0 && <li class="cd-muted">{t('scripts.none')}</li>}
      </ul>
    </section>
  );
}
