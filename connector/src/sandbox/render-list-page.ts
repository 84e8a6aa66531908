/** The sandbox ticket list: filters, clock control, sample loader and the table with the connector's decisions. */
import { CATEGORY_IDS, SEVERITY_IDS, STATUS_IDS, TIER_IDS } from '../../../policies/src/ids';
import { formatDeadline, readerZone, wallClock } from '../../../policies/src/engine';
import { isValidTimeZone } from '../../../policies/src/schema/calendar';
import type { Policy } from '../../../policies/src/types';
import { html, layout, type Raw } from './html';
import type { SandboxTicket } from './read-sandbox';
import type { TicketState } from './ticket-states';

export interface ListFilters {
  q?: string;
  status?: string;
  category?: string;
  severity?: string;
  sla?: string;
  tier?: string;
}

export interface ListRow {
  ticket: SandboxTicket;
  state: TicketState;
}

export function applyFilters(rows: ListRow[], f: ListFilters): ListRow[] {
  return rows.filter(
    ({ state }) =>
      (!f.category || state.category === f.category) &&
      (!f.severity || state.severity === f.severity) &&
      (!f.tier || state.tier === f.tier) &&
      (!f.sla || (state.sla ?? 'ok') === f.sla),
  );
}

const select = (name: string, value: string | undefined, options: { v: string; label: string }[]) =>
  html`<label
    >${name}
    <select name="${name}">
      <option value="">any</option>
      ${options.map((o) => html`<option value="${o.v}" ${o.v === value ? 'selected' : ''}>${o.label}</option>`)}
    </select></label
  >`;

/** The reader's zone on sandbox pages: `?tz=` when it is an IANA zone, else the policy's zone for agents. */
export function pageZone(tz: unknown, policy: Policy): string {
  return typeof tz === 'string' && tz && isValidTimeZone(tz) ? tz : readerZone(policy, 'agents');
}

export function clockControl(nowIso: string, offsetMs: number, back: string, zone: string): Raw {
  const min = Math.round(offsetMs / 6e4);
  const ahead = min >= 60 ? `+${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}` : `+${min} min`;
  return html`<form class="row card" method="post" action="/sandbox/clock" data-testid="clock-form">
    <div>
      <div class="muted">Sandbox clock</div>
      <strong data-testid="clock-now">${formatDeadline(nowIso, zone)}</strong>
      <span class="muted">(${min ? `${ahead} fast-forwarded` : 'real time'})</span>
    </div>
    <input type="hidden" name="back" value="${back}" /><label
      >Fast-forward hours<input name="hours" type="number" min="0" max="720" step="0.1" value="1"
    /></label>
    <label>and minutes<input name="minutes" type="number" min="0" max="59" step="1" value="0" /></label>
    <button type="submit">Fast-forward</button>
  </form>`;
}

export function renderListPage(opts: {
  rows: ListRow[];
  filters: ListFilters;
  policy: Policy;
  notice?: string;
  error?: string;
  nowIso: string;
  offsetMs: number;
  zone: string;
}): string {
  const { policy, filters: f, zone } = opts;
  const at = (iso: string | null | undefined) => wallClock(iso, zone);
  const en = (l: { en: string }) => l.en;
  const body = html`<h1>Sandbox helpdesk</h1>
    ${opts.notice ? html`<div class="notice" role="status" data-testid="notice">${opts.notice}</div>` : ''}
    ${opts.error ? html`<div class="notice error" role="alert">${opts.error}</div>` : ''}
    ${clockControl(opts.nowIso, opts.offsetMs, `/sandbox?tz=${encodeURIComponent(zone)}`, zone)}
    <div class="row" style="margin-bottom:12px">
      <a class="btn" href="/sandbox/new">New complaint</a>
      <form method="post" action="/sandbox/samples">
        <button class="secondary" type="submit" data-testid="load-samples">Load the sample complaints</button>
      </form>
    </div>
    <form class="row card" method="get" action="/sandbox" data-testid="filters">
      <label>Search<input name="q" value="${f.q ?? ''}" placeholder="subject, requester or #id" /></label
      ><input type="hidden" name="tz" value="${zone}" />
      ${select(
        'status',
        f.status,
        STATUS_IDS.map((s) => ({ v: s, label: s })),
      )}
      ${select(
        'category',
        f.category,
        CATEGORY_IDS.map((c) => ({ v: c, label: en(policy.categories[c].label) })),
      )}
      ${select(
        'severity',
        f.severity,
        SEVERITY_IDS.map((s) => ({ v: s, label: en(policy.severities[s].label) })),
      )}
      ${select(
        'sla',
        f.sla,
        ['ok', 'warning', 'breached'].map((s) => ({ v: s, label: s })),
      )}
      ${select(
        'tier',
        f.tier,
        TIER_IDS.map((t) => ({ v: t, label: en(policy.escalation.tiers[t].label) })),
      )}
      <button type="submit">Filter</button><a href="/sandbox" class="btn secondary">Clear</a>
    </form>
    <div class="table-wrap">
      <table data-testid="ticket-table">
        <caption class="muted" data-testid="time-zone">
          Times in ${zone}
        </caption>
        <thead>
          <tr>
            <th>#</th>
            <th>Subject</th>
            <th>Requester</th>
            <th>Status</th>
            <th>Severity</th>
            <th>Category</th>
            <th>SLA</th>
            <th>Tier</th>
            <th>Group</th>
            <th>Updated</th>
          </tr>
        </thead>
        <tbody>
          ${
            opts.rows.length
              ? opts.rows.map(
                  ({ ticket: t, state: s }) =>
                    html`<tr data-ticket="${t.id}">
                      <td><a href="/sandbox/tickets/${t.id}">${t.id}</a></td>
                      <td>
                        <a href="/sandbox/tickets/${t.id}">${t.subject}</a
                        >${t.kind !== 'incident' ? html` <span class="badge">${t.kind}</span>` : ''}
                      </td>
                      <td>${t.requester?.name ?? t.requester?.email ?? ''}</td>
                      <td>${t.status}</td>
                      <td>
                        ${s.severity ? html`<span class="badge sev-${s.severity}" data-col="severity">${s.severity}</span>` : html`<span class="muted">pending</span>`}
                      </td>
                      <td data-col="category">
                        ${s.category ? en(policy.categories[s.category as 'other']?.label ?? { en: s.category }) : ''}
                      </td>
                      <td>
                        <span class="badge sla-${s.sla ?? 'ok'}" data-col="sla">${s.sla ?? 'ok'}</span
                        >${s.dueAt ? html`<div class="muted" data-col="due">due ${at(s.dueAt)}</div>` : ''}
                      </td>
                      <td data-col="tier">${s.tier ? en(policy.escalation.tiers[s.tier as 'front_line']?.label ?? { en: s.tier }) : ''}</td>
                      <td>${t.group ? en(policy.groups[t.group]?.label ?? { en: t.group }) : ''}</td>
                      <td class="muted" data-col="updated">${at(t.updatedAt)}</td>
                    </tr>`,
                )
              : html`<tr>
                  <td colspan="10" class="muted">No tickets match. Create one or load the samples.</td>
                </tr>`
          }
        </tbody>
      </table>
    </div>`;
  return layout({ title: 'Sandbox', body, scripts: ['/sandbox/assets/sandbox-list.js'] });
}
