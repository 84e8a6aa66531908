import type { RemedyOptionView } from '../../../../../policies/src/types';
import type { MessageKey } from '../../i18n/translate';
import type { PanelProps } from '../sidebar-context';
import { ChosenRemedySection } from './chosen-remedy';
import { Section } from './section';

function cap(o: RemedyOptionView, p: PanelProps): string {
  const r = p.view.remedies;
  let text: string;
  if (o.effectiveCap != null) text = p.t('remedy.cap', { amount: p.money(o.effectiveCap, r.currency) });
  else if (o.capAmount != null) text = p.t('remedy.cap', { amount: p.money(o.capAmount, r.currency) });
  else if (o.capPercent != null) text = p.t('remedy.capPercent', { percent: o.capPercent });
  else return p.t('remedy.noCap');
  // Older connectors send neither flag: say nothing rather than guess.
  if (o.includesRefund === true) text += ` · ${p.t('remedy.includesRefund')}`;
  else if (o.includesRefund === false) text += ` · ${p.t('remedy.onTop')}`;
  if (o.costKnown === false) text += ` · ${p.t('remedy.assumedAmount')}`;
  return text;
}

export function RemediesPanel(p: PanelProps) {
  const { view, t } = p;
  const r = view.remedies;
  const rankLabel = (rank: string) => t(`remedy.rank.${rank}` as MessageKey);
  return (
    <Section collapsible id="remedies" title={t('section.remedies')}>
      <p class="cd-muted">
        <span data-field="warranty" data-value={r.warranty} data-assumed={String(r.warrantyKnown === false)}>
          {t('remedy.warranty', { state: t(`remedy.warranty.${r.warranty}` as MessageKey) })}
          {r.warrantyKnown === false ? ` (${t('remedy.assumedWarranty')})` : ''}
        </span>
        {r.withinNoReasonReturn ? ` · ${t('remedy.noReason')}` : ''}
      </p>
      {r.options.length === 0 && <p>{t('remedy.none')}</p>}
      <ol class="cd-remedies">
        {r.options.map((o) => (
          <li
            key={o.rank}
            data-rank={o.rank}
            data-needs-approval={String(o.needsApproval)}
            class={r.chosen?.rank === o.rank ? 'cd-chosen' : ''}
          >
            <div class="cd-row">
              <strong>{rankLabel(o.rank)}</strong>
              <button
                type="button"
                disabled={p.offline || p.busy}
                aria-label={`${t('remedy.choose')}: ${rankLabel(o.rank)}`}
                onClick={() => void p.actions.chooseRemedy(o.rank)}
              >
                {t('remedy.choose')}
              </button>
            </div>
            <p>{o.label}</p>
            <p class="cd-muted" data-field="cap">
              {cap(o, p)}
            </p>
            {o.needsApproval && (
              <p class="cd-badge cd-approval">
                {o.approverRole ? t('remedy.needsApproval', { role: p.labels.role(o.approverRole) }) : t('remedy.needsApprovalNoRole')}
              </p>
            )}
          </li>
        ))}
      </ol>
      <ChosenRemedySection {...p} rankLabel={rankLabel} />
      <div class="cd-row">
        <span data-field="rejections" data-value={r.rejections}>
          {t('remedy.rejections', { count: r.rejections })}
        </span>
        <button type="button" disabled={p.offline || p.busy} onClick={() => void p.actions.rejectRemedy()}>
          {t('remedy.rejected')}
        </button>
      </div>
    </Section>
  );
}
