import { useState } from 'preact/hooks';
import { canExportEvidence } from '../labels';
import type { ExportedBundle, PanelProps } from '../sidebar-context';
import { Section } from './section';

/** Shown for suspected malicious complaints (suspect signal or the malicious tag on the ticket). */
export function isEvidenceRelevant(p: Pick<PanelProps, 'view' | 'policy'>): boolean {
  const tag = p.policy?.evidence.maliciousTag;
  return p.view.evidence.suspected || (!!tag && (p.view.ticket.tags ?? []).includes(tag));
}

export function EvidencePanel(p: PanelProps) {
  const { view, t, labels } = p;
  const ev = view.evidence;
  const kinds = Object.keys(p.policy?.evidence.itemKinds ?? {});
  const [kind, setKind] = useState(kinds[0] ?? '');
  const [description, setDescription] = useState('');
  const [exported, setExported] = useState<ExportedBundle | null>(null);
  const [review, setReview] = useState('');
  const reviewer = canExportEvidence(p.policy, p.role) && !view.privileged;
  const reviews = ev.reviews ?? [];
  const locked = ev.frozen || p.offline || p.busy;
  return (
    <Section collapsible id="evidence" title={t('section.evidence')}>
      {ev.frozen ? (
        <p class="cd-ok" role="note" data-field="frozen-state">
          {t('ev.frozenNote')}
        </p>
      ) : (
        <p class="cd-warn" role="note">
          {t('ev.suspected')}
        </p>
      )}
      <p data-field="evidence-complete" data-value={String(ev.complete)} class={ev.complete ? 'cd-ok' : 'cd-warn'}>
        {ev.complete ? t('ev.complete') : t('ev.incomplete')}
      </p>
      <ul class="cd-checks" data-field="evidence-requirements">
        {ev.requirements.map((r) => (
          <li key={r.id} data-requirement={r.id} data-met={String(r.met)}>
            <span aria-hidden="true">{r.met ? '✓' : '✗'}</span> {r.label}{' '}
            <span class="cd-muted">{t('ev.have', { have: r.have, need: r.need })}</span>
          </li>
        ))}
      </ul>
      <h3>{t('ev.items')}</h3>
      {ev.items.length === 0 ? (
        <p class="cd-muted">{t('ev.noItems')}</p>
      ) : (
        <ul data-field="evidence-items">
          {ev.items.map((it, i) => (
            <li key={i}>
              {labels.evidenceKind(it.kind)}
              {it.description ? `: ${it.description}` : ''}{' '}
              <span class="cd-muted">
                {p.at(it.at)}
                {it.by ? ` · ${it.by}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p data-field="frozen" data-value={String(ev.frozen)}>
        {ev.frozen ? t('ev.frozen', { at: p.at(ev.frozenAt), hash: (ev.headHash ?? '').slice(0, 12) }) : t('ev.notFrozen')}
      </p>
      {ev.frozen && ev.headHash && (
        <p class="cd-muted cd-hash" data-field="head-hash" data-value={ev.headHash}>
          <code>{ev.headHash}</code>
        </p>
      )}
      {reviews.length > 0 && (
        <ul data-field="reviews">
          {reviews.map((r, i) => (
            <li key={i}>{t('ev.reviewedBy', { by: r.by, role: labels.role(r.role), at: p.at(r.at) })}</li>
          ))}
        </ul>
      )}
      {canExportEvidence(p.policy, p.role) && view.privileged && (
        <p class="cd-warn" role="note" data-field="needs-identity" data-value={view.privileged}>
          {t('identity.needs')}
        </p>
      )}
      {reviewer && !ev.frozen && (
        <form
          class="cd-form"
          aria-label={t('ev.review')}
          data-field="review-form"
          onSubmit={(e) => {
            e.preventDefault();
            void p.actions.addEvidence('review', review.trim()).then(() => setReview(''));
          }}
        >
          <label>
            {t('ev.reviewComment')}
            <input
              name="review-comment"
              required
              value={review}
              maxLength={2000}
              onInput={(e) => setReview((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" data-action="record-review" disabled={p.offline || p.busy || !review.trim()}>
            {t('ev.review')}
          </button>
        </form>
      )}
      {!ev.frozen && kinds.length > 0 && (
        <form
          class="cd-form"
          aria-label={t('ev.add')}
          onSubmit={(e) => {
            e.preventDefault();
            void p.actions.addEvidence(kind, description.trim()).then(() => setDescription(''));
          }}
        >
          <label>
            {t('ev.kind')}
            <select name="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {labels.evidenceKind(k)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('ev.description')}
            <input
              name="description"
              required
              value={description}
              maxLength={2000}
              onInput={(e) => setDescription((e.target as HTMLInputElement).value)}
            />
          </label>
          <button type="submit" disabled={locked || !description.trim()}>
            {t('ev.addButton')}
          </button>
        </form>
      )}
      {reviewer && (
        <>
          <button type="button" disabled={p.offline || p.busy} onClick={() => void p.actions.exportEvidence().then(setExported)}>
            {t('ev.export')}
          </button>
          {exported && (
            <p class="cd-ok" role="status" data-field="export-hash" data-value={exported.headHash ?? ''}>
              {t('ev.exported', { entries: exported.entries, hash: exported.headHash ?? '—', file: exported.fileName })}
            </p>
          )}
        </>
      )}
    </Section>
  );
}
