/** The "new complaint" form: requester, channel, subject, description and the policy's intake fields. */
import type { Policy } from '../../../policies/src/types';
import { LOCALES } from '../../../policies/src/ids';
import { html, layout } from './html';

/** Intake fields stored as ticket custom fields (policy.intake.fields with source kind "field"). */
export function customFieldKeys(policy: Policy): { key: string; label: string }[] {
  return Object.entries(policy.intake.fields)
    .filter(([, f]) => f.source.kind === 'field')
    .map(([k, f]) => ({ key: (f.source as { field: string }).field ?? k, label: f.label.en }));
}

export function renderNewPage(policy: Policy, error?: string, values: Record<string, string> = {}): string {
  const v = (k: string) => values[k] ?? '';
  const body = html`<h1>New complaint</h1>
    ${error ? html`<div class="notice error" role="alert" data-testid="form-error">${error}</div>` : ''}
    <form class="card" method="post" action="/sandbox/tickets" data-testid="new-form">
      <h2>Customer</h2>
      <div class="grid2">
        <label>Name<input name="requester_name" value="${v('requester_name')}" autocomplete="off" /></label>
        <label>Email<input name="requester_email" type="email" value="${v('requester_email')}" autocomplete="off" /></label>
        <label>Phone<input name="requester_phone" value="${v('requester_phone')}" autocomplete="off" /></label>
        <label
          >Channel<input name="channel" list="channels" value="${v('channel') || 'web'}" /><datalist id="channels">
            ${policy.sla.onlineChannels.map((c) => html`<option value="${c}"></option>`)}
          </datalist></label
        >
        <label
          >Customer language<select name="locale">
            ${LOCALES.map((l) => html`<option value="${l}" ${l === (v('locale') || policy.defaultLocale) ? 'selected' : ''}>${l}</option>`)}
          </select></label
        >
      </div>
      <h2>Complaint</h2>
      <label style="display:block;margin-bottom:8px"
        >Subject<input name="subject" required value="${v('subject')}" style="width:100%"
      /></label>
      <label style="display:block">Description<textarea name="description" rows="6" required>${v('description')}</textarea></label>
      <h2>Product and order</h2>
      <div class="grid2">
        ${customFieldKeys(policy).map((f) => html`<label>${f.label}<input name="field_${f.key}" value="${v(`field_${f.key}`)}" ${/date/.test(f.key) ? 'type=date' : ''} /></label>`)}
      </div>
      <p><button type="submit" data-testid="create">Create complaint</button> <a class="btn secondary" href="/sandbox">Cancel</a></p>
    </form>`;
  return layout({ title: 'New complaint', body });
}
