import { useState } from 'preact/hooks';
import { approvalControl, chosenRemedy } from '../../data/remedy-approval';
import type { MessageKey } from '../../i18n/translate';
import type { PanelProps } from '../sidebar-context';

/** The chosen remedy, its approval state, and Approve / Decline for agents whose role covers it. */
export function ChosenRemedySection(p: PanelProps & { rankLabel: (rank: string) => string }) {
  const { view, t } = p;
  const [comment, setComment] = useState('');
  const chosen = chosenRemedy(view);
  if (!chosen) return null;
  const option = view.remedies.options.find((o) => o.rank === chosen.rank);
  const control = approvalControl(view, p.policy, p.role);
  const at = p.at;
  const decide = (decision: 'approved' | 'declined') => void p.actions.decideRemedy(decision, comment).then(() => setComment(''));
  return (
    <div class="cd-note cd-chosen-remedy" data-field="chosen" data-value={chosen.rank}>
      <p>
        {t('remedy.chosenBy', { rank: p.rankLabel(chosen.rank), by: chosen.by, at: at(chosen.at) })}
        {option ? (
          <>
            : <strong>{option.label}</strong>
          </>
        ) : null}
      </p>
      <p>
        <span class={`cd-badge cd-approval-${chosen.approval}`} data-field="approval" data-value={chosen.approval}>
          {t(`remedy.approval.${chosen.approval}` as MessageKey)}
        </span>
        {chosen.decidedBy && (
          <span class="cd-muted" data-field="decided">
            {' '}
            {t('remedy.decided', { by: chosen.decidedBy, at: at(chosen.decidedAt) })}
          </span>
        )}
      </p>
      {control.kind === 'wait' && (
        <p class="cd-muted" data-field="approval-wait" data-value={control.approverRole ?? ''}>
          {control.approverRole ? t('remedy.waitingFor', { role: p.labels.role(control.approverRole) }) : t('remedy.waitingNoRole')}
        </p>
      )}
      {control.kind === 'decide' && view.privileged && (
        <p class="cd-warn" role="note" data-field="needs-identity" data-value={view.privileged}>
          {t('identity.needs')}
        </p>
      )}
      {control.kind === 'decide' && !view.privileged && (
        <form
          class="cd-form"
          aria-label={t('remedy.decide')}
          data-field="approval-form"
          onSubmit={(e) => {
            e.preventDefault();
            decide('approved');
          }}
        >
          <label>
            {t('remedy.comment')}
            <input
              name="approval-comment"
              value={comment}
              maxLength={1000}
              onInput={(e) => setComment((e.target as HTMLInputElement).value)}
            />
          </label>
          <div class="cd-row">
            <button type="submit" data-decision="approved" disabled={p.offline || p.busy}>
              {t('remedy.approve')}
            </button>
            <button
              type="button"
              class="cd-secondary"
              data-decision="declined"
              disabled={p.offline || p.busy}
              onClick={() => decide('declined')}
            >
              {t('remedy.decline')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
