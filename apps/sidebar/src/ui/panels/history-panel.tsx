import type { PanelProps } from '../sidebar-context';
import { Section } from './section';

export function HistoryPanel(p: PanelProps) {
  const { view, t, labels } = p;
  const h = view.history;
  return (
    <Section collapsible id="history" title={t('section.history')}>
      {p.offline ? (
        <p class="cd-muted">{t('offline.only')}</p>
      ) : (
        <>
          <p data-field="history-count" data-value={h.count}>
            {t('hist.count', { count: h.count, days: h.windowDays })}
          </p>
          {h.recent.length === 0 ? (
            <p class="cd-muted">{t('hist.none')}</p>
          ) : (
            <ul>
              {h.recent.map((r) => (
                <li key={`${r.host}:${r.ticketId}`}>
                  #{r.ticketId} {r.subject}{' '}
                  <span class="cd-muted">
                    {p.at(r.createdAt)} · {labels.category(r.category)} · {labels.severity(r.severity)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Section>
  );
}
