import { ruleDescription } from '../../../../../policies/src/engine/escalations';
import type { PanelProps } from '../sidebar-context';
import { Section } from './section';

export function EscalationPanel(p: PanelProps) {
  const { view, t, labels } = p;
  const e = view.escalation;
  const at = p.at;
  // Recorded reasons were written in the policy's default locale: name the rule in the agent's when it still exists.
  const reasonOf = (h: { ruleId: string; reason: string }) => {
    const rule = p.policy?.escalation.rules.find((r) => r.id === h.ruleId);
    return rule && p.policy ? ruleDescription(rule, p.locale, p.policy.defaultLocale) : h.reason;
  };
  return (
    <Section collapsible id="escalation" title={t('section.escalation')}>
      <dl class="cd-kv">
        <dt>{t('esc.tier')}</dt>
        <dd data-field="tier" data-value={e.tier}>
          <span class={`cd-badge cd-tier-${e.tier}`}>{labels.tier(e.tier)}</span>
        </dd>
        <dt>{t('esc.group')}</dt>
        <dd data-field="group" data-value={e.group}>
          {labels.group(e.group)}
        </dd>
      </dl>
      <h3>{t('esc.why')}</h3>
      {e.hits.length ? (
        <ul data-field="escalation-hits">
          {e.hits.map((h) => (
            <li key={h.ruleId}>
              {h.reason} <span class="cd-muted">({labels.tier(h.tier)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="cd-muted">{t('esc.noHits')}</p>
      )}
      {e.notifySupervisor && <p class="cd-badge cd-warn">{t('esc.notify')}</p>}
      <p data-field="next-escalation">{e.nextEscalationAt ? t('esc.next', { at: at(e.nextEscalationAt) }) : t('esc.noNext')}</p>
      {e.history.length > 0 && (
        <ul class="cd-muted">
          {e.history.map((h, i) => (
            <li key={i}>{t('esc.history', { tier: labels.tier(h.tier), at: at(h.at), reason: reasonOf(h) })}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
