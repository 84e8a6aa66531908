import { useState } from 'preact/hooks';
import type { PanelProps } from '../sidebar-context';
import { Section } from './section';

export function ScriptsPanel(p: PanelProps) {
  const { view, t } = p;
  const [inserted, setInserted] = useState<string | null>(null);
  return (
    <Section collapsible id="scripts" title={t('section.scripts')}>
      <p class="cd-muted">{t('scripts.stage', { stage: view.stage })}</p>
      {view.scripts.length === 0 && <p>{t('scripts.none')}</p>}
      <ul class="cd-scripts">
        {view.scripts.map((s) => (
          <li key={s.id} data-script={s.id}>
            <div class="cd-row">
              <strong>{s.label}</strong>
              <button
                type="button"
                aria-label={`${t('scripts.insert')}: ${s.label}`}
                onClick={() => {
                  void p.actions.insert(s.text).then(() => setInserted(s.id));
                }}
              >
                {t('scripts.insert')}
              </button>
            </div>
            <p class="cd-script-text">{s.text}</p>
            {inserted === s.id && (
              <p class="cd-ok" role="status">
                {t('scripts.inserted')}
              </p>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
