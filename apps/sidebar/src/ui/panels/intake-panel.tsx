import { useEffect, useState } from 'preact/hooks';
import type { PanelProps } from '../sidebar-context';
import { Section } from './section';

export function IntakePanel(p: PanelProps) {
  const { view, t } = p;
  return (
    <Section collapsible id="intake" title={t('section.intake')}>
      {view.intake.length ? (
        <>
          <p>{t('intake.missing')}</p>
          <ul data-field="intake-missing">
            {view.intake.map((g) => (
              <li key={g.field} data-intake={g.field}>
                {g.label}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="cd-ok">{t('intake.complete')}</p>
      )}
    </Section>
  );
}

type CheckId = 'customer' | 'product' | 'process';

/** The three checks as a checklist; ticks are the agent's working notes, kept per ticket in this browser. */
export function RootCausePanel(p: PanelProps) {
  const { view, t } = p;
  const rc = view.rootCause;
  const storageKey = `complaint-desk.rootcause.${view.host}.${view.ticketId}`;
  const [done, setDone] = useState<Record<CheckId, boolean>>({ customer: false, product: false, process: false });
  useEffect(() => {
    try {
      const raw = localStorage.getItem(storageKey);
      if (raw) setDone(JSON.parse(raw));
    } catch {
      /* no storage: unticked */
    }
  }, [storageKey]);
  const toggle = (id: CheckId) => {
    const next = { ...done, [id]: !done[id] };
    setDone(next);
    try {
      localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      /* ignore */
    }
  };
  const rows: [CheckId, string, string][] = [
    ['customer', t('root.customer'), rc.customerSide],
    ['product', t('root.product'), rc.productSide],
    ['process', t('root.process'), rc.processSide],
  ];
  return (
    <Section collapsible id="root-cause" title={t('section.rootCause')}>
      <ul class="cd-checks">
        {rows.map(([id, label, detail]) => (
          <li key={id}>
            <label>
              <input type="checkbox" checked={done[id]} onChange={() => toggle(id)} /> <strong>{label}</strong>
            </label>
            {detail && <p class="cd-muted">{detail}</p>}
            {id === 'product' && (
              <p data-field="same-batch" data-value={rc.sameBatchCount}>
                {rc.batch ? t('root.sameBatch', { batch: rc.batch, count: rc.sameBatchCount }) : t('root.noBatch')}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
