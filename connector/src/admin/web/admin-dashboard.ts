/** Admin console, Dashboard tab: KPI cards, uPlot charts per category and per severity, batches, clusters, SLA lists. */
import uPlot from 'uplot';
import { wallClock } from '../../../../policies/src/engine/reader-zone';
import type { Kpis, Series } from '../compute-kpis';
import { api, el, fmtDuration, table } from './admin-api';

/** A ticket in the breached / at-risk lists. */
type Brief = Kpis['breachedNow'][number];

interface Dashboard {
  now: string;
  timeZone: string;
  policyVersion: string;
  labels: { categories: Record<string, string> };
  /** Stored facts being recomputed for a new policy (deadlines, breach state): the figures are partly the old policy's meanwhile. */
  facts: { recomputing: boolean; policyVersion: string | null; done: number; total: number } | null;
  kpis: Kpis;
  clusters: { host: string; batch: string; problemTicketId: string | null; members: number; createdAt: string }[];
}

const PALETTE = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#495057'];
const charts = new Map<string, uPlot>();
const pct = (v: number | null) => (v === null ? 'no data' : `${v} %`);

function kpi(label: string, value: string, sub = ''): HTMLElement {
  return el(
    'div',
    { class: 'kpi', 'data-kpi': label },
    el('div', { class: 'l' }, label),
    el('div', { class: 'v' }, value),
    sub ? el('div', { class: 'muted' }, sub) : null,
  );
}

function chart(id: string, s: Series, labelOf: (l: string) => string): void {
  const target = document.getElementById(id) as HTMLElement;
  charts.get(id)?.destroy();
  target.replaceChildren();
  if (!s.days.length) {
    target.append(el('p', { class: 'muted' }, 'no data'));
    return;
  }
  const width = Math.max(280, target.clientWidth - 16);
  const opts: uPlot.Options = {
    width,
    height: 240,
    // A day is its date at UTC midnight (in the reader's zone, which the API names): label it as that date, whatever the browser's zone.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    scales: { x: { time: true } },
    series: [
      {},
      ...s.series.map((x, i) => ({ label: labelOf(x.label), stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: true } })),
    ],
    axes: [{}, { label: 'complaints' }],
  };
  const data = [s.days, ...s.series.map((x) => x.values)] as uPlot.AlignedData;
  charts.set(id, new uPlot(opts, data, target));
}

const briefRows = (list: Brief[], zone: string) =>
  list.map((b) => [
    b.host === 'sandbox' ? el('a', { href: `/sandbox/tickets/${b.id}?tz=${encodeURIComponent(zone)}` }, `#${b.id}`) : `${b.host} #${b.id}`,
    b.subject,
    b.severity,
    b.dueAt ? wallClock(b.dueAt, zone) : '—',
  ]);

export async function loadDashboard(): Promise<void> {
  const tz = new URLSearchParams(location.search).get('tz');
  const d = await api<Dashboard>(`/dashboard${tz ? `?tz=${encodeURIComponent(tz)}` : ''}`);
  const k = d.kpis;
  const status = document.getElementById('facts-status');
  if (status) {
    const f = d.facts;
    status.hidden = !f?.recomputing;
    status.textContent = f?.recomputing
      ? `Recomputing deadlines and breach state for policy ${f.policyVersion}: ${f.done} of about ${Math.max(f.total, f.done)} tickets. Figures below are partly under the previous policy until it finishes.`
      : '';
  }
  document
    .getElementById('kpis')!
    .replaceChildren(
      kpi('Complaints', String(k.total), `policy ${d.policyVersion}`),
      kpi(
        'First response (median)',
        fmtDuration(k.firstResponse.medianMs),
        `p90 ${fmtDuration(k.firstResponse.p90Ms)} · n=${k.firstResponse.n}`,
      ),
      kpi('Resolution (median)', fmtDuration(k.resolution.medianMs), `p90 ${fmtDuration(k.resolution.p90Ms)} · n=${k.resolution.n}`),
      kpi('SLA attainment', pct(k.slaAttainmentPercent)),
      kpi('Escalation rate', pct(k.escalationRatePercent)),
      kpi('Reopen rate', pct(k.reopenRatePercent)),
      kpi('CSAT', k.csat ? `${k.csat.average} / ${k.csat.max}` : 'no data', k.csat ? `n=${k.csat.n}` : 'from follow-up answers'),
    );
  chart('chart-category', k.perCategory, (l) => d.labels.categories[l] ?? l);
  chart('chart-severity', k.perSeverity, (l) => l);
  table(
    document.getElementById('batches')!,
    ['Batch', 'Complaints', 'Open'],
    k.topBatches.map((b) => [b.batch, b.count, b.open]),
    'no batches recorded',
  );
  table(
    document.getElementById('clusters')!,
    ['Batch', 'Members', 'Problem ticket'],
    d.clusters.map((c) => [c.batch, c.members, c.problemTicketId ? `${c.host} #${c.problemTicketId}` : 'pending']),
    'no clusters',
  );
  // One zone for the reader, said in the column head (the dashboard API's timeZone: the policy's zone for agents).
  const due = `Due (${d.timeZone})`;
  table(
    document.getElementById('breached')!,
    ['Ticket', 'Subject', 'Severity', due],
    briefRows(k.breachedNow, d.timeZone),
    'none breached',
  );
  table(document.getElementById('at-risk')!, ['Ticket', 'Subject', 'Severity', due], briefRows(k.atRiskNow, d.timeZone), 'none at risk');
}
