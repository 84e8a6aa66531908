/** Admin console entry: token gate, tabs, Evidence and Health tabs. */
import { api, el, showStatus, table, token, whenUnauthorized } from './admin-api';
import { loadDashboard } from './admin-dashboard';
import { initPolicy, showActivePolicy } from './admin-policy';
import { initModel, loadModel } from './admin-model';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

interface EvidenceRow {
  host: string;
  ticketId: string;
  subject: string;
  frozenAt: string | null;
  headHash: string | null;
  items: number;
  verify: { ok: boolean; entries: number; brokenAt?: number; reason?: string };
}
interface Health {
  now: string;
  hosts: {
    host: string;
    mode: string;
    status: string;
    lastSuccessAt: string | null;
    lastError: { at: string; code: string | null } | null;
    callsLastMinute: number;
    limitPerMinute: number | null;
    headroomPerMinute: number | null;
  }[];
  queue: Record<string, number>;
  lastErrors: { source: string; host: string; ticketId: string; at: string | null; code: string | null; message: string }[];
}

async function download(host: string, id: string): Promise<void> {
  const res = await fetch(`/admin/api/evidence/${encodeURIComponent(host)}/${encodeURIComponent(id)}/export`, {
    headers: { authorization: `Bearer ${token.get() ?? ''}` },
  });
  if (!res.ok) return showStatus(`Export failed: HTTP ${res.status}`, true);
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', { href: url, download: `evidence-${host}-${id}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function loadEvidence(): Promise<void> {
  const r = await api<{ records: EvidenceRow[] }>('/evidence');
  table(
    $('evidence'),
    ['Ticket', 'Subject', 'Frozen at', 'Entries', 'Head hash', 'Verify', ''],
    r.records.map((x) => {
      const btn = el('button', { type: 'button', class: 'secondary' }, 'Export bundle');
      btn.addEventListener('click', () => {
        download(x.host, x.ticketId).catch((e: Error) => showStatus(e.message, true));
      });
      return [
        `${x.host} #${x.ticketId}`,
        x.subject,
        x.frozenAt ?? '—',
        x.verify.entries,
        el('code', {}, (x.headHash ?? '').slice(0, 16)),
        x.verify.ok
          ? el('span', { class: 'ok' }, 'intact')
          : el('span', { class: 'bad' }, `broken at ${x.verify.brokenAt ?? '?'}: ${x.verify.reason ?? ''}`),
        btn,
      ];
    }),
    'no frozen evidence records',
  );
}

async function loadHealth(): Promise<void> {
  const h = await api<Health>('/health');
  table(
    $('hosts'),
    ['Host', 'Mode', 'Status', 'Last success', 'Last error', 'Calls last min', 'Limit / min', 'Headroom'],
    h.hosts.map((x) => [
      x.host,
      x.mode,
      el('span', { class: x.status === 'failing' ? 'bad' : x.status === 'ok' ? 'ok' : '' }, x.status),
      x.lastSuccessAt ?? '—',
      x.lastError ? `${x.lastError.code ?? 'error'} at ${x.lastError.at}` : '—',
      x.callsLastMinute,
      x.limitPerMinute ?? '—',
      x.headroomPerMinute ?? '—',
    ]),
    'no hosts configured',
  );
  $('queue').replaceChildren(
    ...Object.entries(h.queue).map(([k, v]) => el('div', { class: 'kpi' }, el('div', { class: 'l' }, k), el('div', { class: 'v' }, v))),
  );
  table(
    $('errors'),
    ['Where', 'Host', 'Ticket', 'At', 'Code', 'Message'],
    h.lastErrors.map((e) => [e.source, e.host, e.ticketId, e.at ?? '—', e.code ?? '—', e.message]),
    'no errors',
  );
}

const loaders: Record<string, () => Promise<void>> = {
  policy: () => showActivePolicy(false),
  dashboard: loadDashboard,
  evidence: loadEvidence,
  health: loadHealth,
  model: loadModel,
};

function select(tab: string): void {
  for (const b of Array.from(document.querySelectorAll<HTMLElement>('[data-tab]')))
    b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  for (const p of Array.from(document.querySelectorAll<HTMLElement>('[data-panel]'))) p.hidden = p.dataset.panel !== tab;
  showStatus('');
  loaders[tab]?.().catch((e: Error) => showStatus(e.message, true));
}

function signedIn(yes: boolean): void {
  $('token-form').hidden = yes;
  $('console').hidden = !yes;
}

whenUnauthorized(() => {
  token.clear();
  signedIn(false);
  $('token-error').textContent = 'The token was not accepted. Enter ADMIN_TOKEN.';
});

$('token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  token.set(($('token-input') as HTMLInputElement).value.trim());
  $('token-error').textContent = '';
  signedIn(true);
  showActivePolicy(true)
    .then(() => select('policy'))
    .catch((e: Error) => showStatus(e.message, true));
});
$('sign-out').addEventListener('click', () => {
  token.clear();
  signedIn(false);
});
for (const b of Array.from(document.querySelectorAll<HTMLElement>('[data-tab]')))
  b.addEventListener('click', () => select(b.dataset.tab ?? 'policy'));
initPolicy();
initModel();
if (token.get()) {
  signedIn(true);
  showActivePolicy(true).catch((e: Error) => showStatus(e.message, true));
} else signedIn(false);
