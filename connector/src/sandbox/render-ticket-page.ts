/** The sandbox ticket page: conversation, reply box, status/priority/tag controls and the real sidebar in an iframe. */
import { LOCALES, PRIORITY_IDS, STATUS_IDS } from '../../../policies/src/ids';
import { wallClock } from '../../../policies/src/engine';
import type { Policy } from '../../../policies/src/types';
import { csatChoices } from '../decide/csat-scale';
import { clockControl } from './render-list-page';
import { html, layout } from './html';
import type { SandboxTicket } from './read-sandbox';
import type { TicketState } from './ticket-states';

export interface TicketPageOpts {
  ticket: SandboxTicket;
  state: TicketState;
  policy: Policy;
  nowIso: string;
  offsetMs: number;
  /** The reader's time zone (render-list-page `pageZone`). */
  zone: string;
  /** No secret here: the sidebar fetches a short-lived token from /sandbox/api/sidebar-token. */
  sidebar: { available: boolean; locale: string; agent: string; role: string; tz?: string };
  notice?: string;
  error?: string;
}

export function sidebarUrl(s: TicketPageOpts['sidebar'], ticketId: string): string {
  const q = new URLSearchParams({ ticket: ticketId, locale: s.locale, agent: s.agent, role: s.role });
  if (s.tz) q.set('tz', s.tz);
  return `/sandbox/app/?${q.toString()}`;
}

export function renderTicketPage(o: TicketPageOpts): string {
  const t = o.ticket;
  const s = o.state;
  const en = (l?: { en: string }) => l?.en ?? '';
  const here = `/sandbox/tickets/${t.id}`;
  // "View as" lives in the query: every form posts it along and the redirect keeps it.
  const viewAs = new URLSearchParams({
    agent: o.sidebar.agent,
    role: o.sidebar.role,
    locale: o.sidebar.locale,
    ...(o.sidebar.tz ? { tz: o.sidebar.tz } : {}),
  }).toString();
  const at = (iso: string | null | undefined) => wallClock(iso, o.zone);
  // Intake fields by their policy label in the viewing locale (English when the policy has none for it), never the key.
  const fieldLabel = (k: string) => {
    const label = o.policy.intake.fields[k]?.label as Record<string, string> | undefined;
    return label?.[o.sidebar.locale] ?? label?.en ?? k;
  };
  const roles = Object.keys(o.policy.remedies.roles);
  const body = html`<p class="muted"><a href="/sandbox">← all tickets</a></p>
    ${o.notice ? html`<div class="notice" role="status">${o.notice}</div>` : ''}
    ${o.error ? html`<div class="notice error" role="alert" data-testid="page-error">${o.error}</div>` : ''}
    <div id="guard-message" class="notice error" role="alert" hidden data-testid="guard-message"></div>
    <div class="layout-ticket" data-ticket-id="${t.id}" data-updated-at="${t.updatedAt}">
      <section>
        <div class="card" data-live="summary">
          <h1 data-testid="ticket-subject">#${t.id} ${t.subject}</h1>
          <div class="row">
            <span class="badge">status: <b data-testid="ticket-status">${t.status}</b></span>
            <span class="badge">priority: <b data-testid="ticket-priority">${t.priority ?? '—'}</b></span>
            <span class="badge"
              >group: <b data-testid="ticket-group">${t.group ? en(o.policy.groups[t.group]?.label) || t.group : '—'}</b></span
            >
            ${s.severity ? html`<span class="badge sev-${s.severity}">${s.severity}</span>` : ''}
            ${s.category ? html`<span class="badge">${en(o.policy.categories[s.category as 'other']?.label) || s.category}</span>` : ''}
            ${s.sla ? html`<span class="badge sla-${s.sla}">SLA ${s.sla}</span>` : ''}
            ${s.tier ? html`<span class="badge">tier: ${en(o.policy.escalation.tiers[s.tier as 'front_line']?.label) || s.tier}</span>` : ''}
            ${t.problemId ? html`<a class="badge" href="/sandbox/tickets/${t.problemId}">problem #${t.problemId}</a>` : ''}
            ${t.relatedTicketId ? html`<a class="badge" href="/sandbox/tickets/${t.relatedTicketId}">about #${t.relatedTicketId}</a>` : ''}
          </div>
          <p class="muted">
            ${t.requester?.name ?? ''} ${t.requester?.email ?? ''} ${t.requester?.phone ?? ''} · channel ${t.channel ?? '—'} · created
            <span data-testid="created-at">${at(t.createdAt)}</span> <span class="muted">(${o.zone})</span> ${Object.entries(t.fields ?? {})
              .filter(([, v]) => v !== null && v !== '')
              .map(([k, v]) => html` · ${fieldLabel(k)}: ${String(v)}`)}
          </p>
          <div data-testid="ticket-tags">${(t.tags ?? []).map((tag) => html`<span class="badge" data-tag="${tag}">${tag}</span> `)}</div>
        </div>

        <div class="card">
          <form class="row" method="post" action="${here}/properties?${viewAs}" data-testid="props-form">
            <label
              >Status<select name="status">
                ${STATUS_IDS.map((x) => html`<option ${x === t.status ? 'selected' : ''}>${x}</option>`)}
              </select></label
            >
            <label
              >Priority<select name="priority">
                <option value="">—</option>
                ${PRIORITY_IDS.map((x) => html`<option ${x === t.priority ? 'selected' : ''}>${x}</option>`)}
              </select></label
            >
            <button type="submit">Update</button>
          </form>
          <form class="row" method="post" action="${here}/tags?${viewAs}" id="tags-form" data-testid="tags-form" style="margin-top:8px">
            <label style="flex:1"
              >Tags (space separated)<input name="tags" id="tags-input" value="${(t.tags ?? []).join(' ')}" style="width:100%"
            /></label>
            <button type="submit">Save tags</button>
          </form>
        </div>

        ${
          t.kind === 'follow_up'
            ? html`<form class="card row" method="post" action="${here}/csat?${viewAs}" data-testid="csat-form">
                <label
                  >Customer's satisfaction answer (${o.policy.followUp.csatScale.min}-${o.policy.followUp.csatScale.max})<select
                    name="csat"
                  >
                    ${csatChoices(o.policy.followUp.csatScale).map((n) => html`<option ${t.fields?.csat === n ? 'selected' : ''}>${n}</option>`)}
                  </select></label
                >
                <button type="submit">Record answer</button
                >${typeof t.fields?.csat === 'number' ? html`<span class="muted">recorded: ${t.fields.csat}</span>` : ''}
              </form>`
            : ''
        }
        <div class="card" data-live="conversation">
          <h2>Conversation</h2>
          <p class="muted">Times in ${o.zone}</p>
          ${t.comments.map(
            (c) =>
              html`<div class="comment ${c.public ? '' : 'internal'} ${c.author}" data-comment="${c.id}">
                <div class="muted"><b>${c.authorName || c.author}</b> · ${c.public ? 'public' : 'internal note'} · ${at(c.createdAt)}</div>
                <pre>${c.body}</pre>
              </div>`,
          )}
        </div>

        <form class="card" method="post" action="${here}/comments?${viewAs}" id="reply-form" data-testid="reply-form">
          <h2>Reply</h2>
          <textarea
            name="body"
            id="reply-body"
            rows="5"
            placeholder="Write a reply, or press Insert on a script in the sidebar"
            required
          ></textarea>
          <div class="row" style="margin-top:6px">
            <label
              >Visibility<select name="visibility" id="reply-visibility">
                <option value="public">public reply</option>
                <option value="internal">internal note</option>
              </select></label
            >
            <label
              >Written by<select name="author">
                <option value="agent">agent</option>
                <option value="customer">customer (simulate)</option>
              </select></label
            >
            <button type="submit">Send</button>
          </div>
        </form>
        ${clockControl(o.nowIso, o.offsetMs, `${here}?${viewAs}`, o.zone)}
      </section>
      <aside>
        <form class="row" method="get" action="${here}" style="margin-bottom:8px">
          <label>Agent<input name="agent" value="${o.sidebar.agent}" size="12" /></label>
          <label
            >Role<select name="role">
              ${roles.map((r) => html`<option ${r === o.sidebar.role ? 'selected' : ''}>${r}</option>`)}
            </select></label
          >
          <label
            >Locale<select name="locale">
              ${LOCALES.map((l) => html`<option ${l === o.sidebar.locale ? 'selected' : ''}>${l}</option>`)}
            </select></label
          >
          <label>Time zone<input name="tz" value="${o.sidebar.tz ?? ''}" size="14" placeholder="${o.zone}" /></label>
          <button class="secondary" type="submit">View as</button>
        </form>
        ${
          o.sidebar.available
            ? html`<iframe
                class="sidebar"
                id="sidebar"
                title="Complaint Desk sidebar"
                data-testid="sidebar"
                src="${sidebarUrl(o.sidebar, t.id)}"
              ></iframe>`
            : html`<div class="notice error" data-testid="sidebar-missing">
                The sidebar app is not built (dist/sandbox-app/index.html is missing). Run <code>npm run build</code>.
              </div>`
        }
      </aside>
    </div>`;
  return layout({ title: `#${t.id} ${t.subject}`, body, scripts: ['/sandbox/assets/sandbox-ticket.js'] });
}
