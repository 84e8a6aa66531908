/** Admin console, Model tab: retrain from corrections (POST /admin/api/model/retrain), dry run a candidate, activate it (confirm first). */
import { api, el, showStatus, table } from './admin-api';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

interface Candidate {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  trainedAt: string | null;
  examples: number | null;
  sources: string[];
  active?: boolean;
}
interface Status {
  active: { file: string; sha256: string | null } | null;
  corpus: string;
  corrections: number;
  training: boolean;
  candidates: Candidate[];
}
interface Trained {
  ok: true;
  candidate: { id: string; corpus: { file: string; examples: number }; corrections: number; examples: number; trainingMs: number };
}
interface Outcome {
  category: string;
  severity: string;
  signals: string[];
  review: boolean;
}
interface DryRun {
  activeVersion: string;
  candidate: Candidate;
  report: {
    total: number;
    changedTickets: number;
    totals: Record<string, number>;
    rows: { host: string; id: string; subject: string; before: Outcome; after: Outcome; changed: string[] }[];
    errors: unknown[];
  };
}

let shown: string | null = null;

export async function loadModel(): Promise<void> {
  const s = await api<Status>('/model');
  $('model-active').textContent = s.active
    ? `${s.active.file}${s.active.sha256 ? ` (sha256 ${s.active.sha256.slice(0, 12)})` : ''}`
    : 'none (rules only)';
  $('model-corpus').textContent = s.corpus;
  $('model-corrections').textContent = String(s.corrections);
  table(
    $('model-candidates'),
    ['Id', 'Trained', 'Examples', 'Size', 'Sources', ''],
    s.candidates.map((c) => [
      el('code', {}, c.id),
      (c.trainedAt ?? '—').replace('T', ' ').slice(0, 19),
      c.examples ?? '—',
      `${Math.round(c.bytes / 1024)} KB`,
      c.sources.join(', '),
      c.active ? el('b', {}, 'active') : el('button', { type: 'button', class: 'secondary', 'data-model-dry': c.id }, 'Dry run'),
    ]),
    'no candidate yet: retrain first',
  );
}

async function dryRun(id: string): Promise<void> {
  showStatus(`Dry run of candidate ${id}…`);
  const limit = Number(($('model-dry-limit') as HTMLInputElement).value) || 100;
  const r = await api<DryRun>(`/model/candidates/${id}/dry-run`, { method: 'POST', body: { limit } });
  shown = id;
  $('model-dry-card').hidden = false;
  $('model-dry-id').textContent = id;
  const t = r.report.totals;
  $('model-dry-summary').textContent =
    `${r.report.changedTickets} of ${r.report.total} recent tickets would change: category ${t.category}, severity ${t.severity}, signals ${t.signals}, review ${t.review}.`;
  const cell = (a: string, b: string) => (a === b ? a : el('span', { class: 'changed' }, `${a} → ${b}`));
  const review = (o: Outcome) => (o.review ? 'please confirm' : 'no');
  table(
    $('model-dry-table'),
    ['Ticket', 'Subject', 'Changed', 'Category', 'Severity', 'Signals', 'Review'],
    r.report.rows.map((x) => [
      `${x.host} #${x.id}`,
      x.subject,
      x.changed.join(', '),
      cell(x.before.category, x.after.category),
      cell(x.before.severity, x.after.severity),
      cell(x.before.signals.join(', ') || '—', x.after.signals.join(', ') || '—'),
      cell(review(x.before), review(x.after)),
    ]),
    'no recent ticket would change',
  );
  showStatus('');
}

async function retrain(): Promise<void> {
  if (
    !window.confirm(
      'Retrain the model from the training corpus and every agent correction? This trains a candidate in the background; nothing changes until you activate it.',
    )
  ) {
    showStatus('Not retrained: cancelled.');
    return;
  }
  $('model-training').textContent = 'Training… (the full corpus takes about a minute)';
  ($('btn-retrain') as HTMLButtonElement).disabled = true;
  try {
    const r = await api<Trained>('/model/retrain', { method: 'POST', body: {} });
    const c = r.candidate;
    $('model-training').textContent =
      `Candidate ${c.id}: ${c.examples} examples (${c.corpus.examples} from the corpus, ${c.corrections} correction${c.corrections === 1 ? '' : 's'}), trained in ${(c.trainingMs / 1000).toFixed(1)} s.`;
    await loadModel();
    await dryRun(c.id);
  } catch (e) {
    $('model-training').textContent = '';
    throw e;
  } finally {
    ($('btn-retrain') as HTMLButtonElement).disabled = false;
  }
}

async function activate(): Promise<void> {
  if (!shown) return;
  if (
    !window.confirm(
      `Activate model ${shown}? It becomes a new policy version: new classifications use it from now on. Roll back in the Policy tab's version history.`,
    )
  ) {
    showStatus('Not activated: cancelled.');
    return;
  }
  const r = await api<{ ok: boolean; version?: string; problems?: { path: string; message: string }[] }>(
    `/model/candidates/${shown}/activate`,
    { method: 'POST', body: {} },
  );
  if (!r.ok) return showStatus(`Not activated: ${r.problems?.[0]?.path} ${r.problems?.[0]?.message}`, true);
  showStatus(`Model ${shown} activated as policy ${r.version}; new classifications use it.`);
  $('model-dry-card').hidden = true;
  shown = null;
  await loadModel();
}

export function initModel(): void {
  const guard = (fn: () => Promise<unknown>) => () => {
    fn().catch((e: Error) => showStatus(e.message, true));
  };
  $('btn-retrain').addEventListener('click', guard(retrain));
  $('btn-model-activate').addEventListener('click', guard(activate));
  $('model-candidates').addEventListener('click', (ev) => {
    const id = (ev.target as HTMLElement).dataset?.modelDry;
    if (id) guard(() => dryRun(id))();
  });
}
