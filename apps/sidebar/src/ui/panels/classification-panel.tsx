import { useState } from 'preact/hooks';
import { CATEGORY_IDS, SEVERITY_IDS } from '../../../../../policies/src/ids';
import type { PanelProps } from '../sidebar-context';
import { Section } from './section';

export function ClassificationPanel(p: PanelProps) {
  const { view, t, labels } = p;
  const c = view.classification;
  const category = view.correction?.category ?? c.category;
  const severity = view.correction?.severity ?? c.severity;
  const [cat, setCat] = useState(category);
  const [sev, setSev] = useState(severity);
  // One line per phrase and rule: the same text in the description and in a comment is listed once.
  const matches = c.matches.filter((m, i) => c.matches.findIndex((o) => o.text === m.text && o.ruleId === m.ruleId) === i);
  // What a match points to, in labels (never the rule's id), and where it was, in words.
  const indicates = (m: (typeof matches)[number]) =>
    (m.sets.signals?.length
      ? m.sets.signals.map((s) => labels.signal(s))
      : [m.sets.severity && labels.severity(m.sets.severity), m.sets.category && labels.category(m.sets.category)].filter(Boolean)
    ).join(', ');
  const where = (field: string) =>
    field === 'subject' ? t('class.field.subject') : field === 'description' ? t('class.field.description') : t('class.field.comment');
  const [reason, setReason] = useState('');
  const [clearSafety, setClearSafety] = useState(false);
  const pct = (v: number | undefined) =>
    v === undefined || view.correction ? null : (
      <span class="cd-muted" data-field="confidence">
        {' '}
        {t('class.confidence', { percent: Math.round(100 * v) })}
      </span>
    );
  const confirmNeeded = !!c.review?.needed && !view.correction;
  return (
    <Section collapsible defaultOpen={confirmNeeded} id="classification" title={t('section.classification')}>
      {confirmNeeded && (
        <p class="cd-review" data-field="review" role="status">
          {t('class.pleaseConfirm')}{' '}
          <button type="button" onClick={() => void p.actions.confirm()} disabled={p.offline || p.busy}>
            {t('class.confirm')}
          </button>
        </p>
      )}
      <dl class="cd-kv">
        <dt>{t('class.category')}</dt>
        <dd>
          <span data-field="category" data-value={category}>
            {labels.category(category)}
          </span>
          {pct(c.confidence?.category)}
        </dd>
        <dt>{t('class.severity')}</dt>
        <dd>
          <span class={`cd-badge cd-sev-${severity}`} data-field="severity" data-value={severity}>
            {labels.severity(severity)}
          </span>
          {pct(c.confidence?.severity)}
        </dd>
        <dt>{t('class.signals')}</dt>
        <dd data-field="signals" data-value={c.signals.join(',')}>
          {c.signals.length
            ? c.signals.map((s) => (
                <span key={s} class={`cd-chip cd-sig-${s}`}>
                  {labels.signal(s)}
                </span>
              ))
            : t('class.none')}
        </dd>
      </dl>
      {view.correction && <p class="cd-note">{t('class.corrected', { by: view.correction.by, at: p.at(view.correction.at) })}</p>}
      <h3>{t('class.matches')}</h3>
      {matches.length ? (
        <ul class="cd-matches" data-field="matches">
          {matches.map((m, i) => (
            <li key={i}>
              <mark>{m.text}</mark> <span class="cd-muted">{[indicates(m), where(m.field)].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="cd-muted">{t('class.noMatches')}</p>
      )}
      <details>
        <summary>{t('class.why')}</summary>
        <ul class="cd-why">
          <li>{c.why.category}</li>
          <li>{c.why.severity}</li>
          {Object.entries(c.why.signals).map(([s, w]) => (
            <li key={s}>{w}</li>
          ))}
        </ul>
      </details>
      <details>
        <summary>{t('class.correct')}</summary>
        <form
          class="cd-form"
          onSubmit={(e) => {
            e.preventDefault();
            void p.actions.correct(cat, sev, { reason, clearSignals: clearSafety ? ['safety'] : [] });
          }}
        >
          <label>
            {t('class.category')}
            <select value={cat} onChange={(e) => setCat((e.target as HTMLSelectElement).value)} name="category">
              {CATEGORY_IDS.map((id) => (
                <option key={id} value={id}>
                  {labels.category(id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('class.severity')}
            <select value={sev} onChange={(e) => setSev((e.target as HTMLSelectElement).value)} name="severity">
              {SEVERITY_IDS.map((id) => (
                <option key={id} value={id}>
                  {labels.severity(id)}
                </option>
              ))}
            </select>
          </label>
          {c.signals.includes('safety') && (
            <label>
              <input
                type="checkbox"
                name="clearSafety"
                checked={clearSafety}
                onChange={(e) => setClearSafety((e.target as HTMLInputElement).checked)}
              />{' '}
              {t('class.clearSafety')}
            </label>
          )}
          <label>
            {t('class.reason')}
            <input
              type="text"
              name="reason"
              value={reason}
              onInput={(e) => setReason((e.target as HTMLInputElement).value)}
              maxLength={2000}
            />
          </label>
          <button type="submit" disabled={p.offline || p.busy}>
            {t('class.save')}
          </button>
        </form>
      </details>
    </Section>
  );
}
