/** /sandbox over real HTTP on a started connector: pages, forms, filters, clock, follow-up task, JSON API, assets. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunningConnector } from '../../../connector/src/start-connector';
import { ADMIN_TOKEN, ROOT, postForm, startSandbox } from './helpers/start-sandbox';

let c: RunningConnector & { stop(): Promise<void> };
beforeAll(async () => {
  c = await startSandbox();
});
afterAll(async () => {
  await c?.stop();
});

async function create(fields: Record<string, string>): Promise<string> {
  const res = await postForm(`${c.url}/sandbox/tickets`, { channel: 'phone', locale: 'en', requester_name: 'Li', ...fields });
  expect(res.status).toBe(303);
  const id = /\/sandbox\/tickets\/(\d+)/.exec(res.headers.get('location') ?? '')![1];
  await c.pipeline.idle();
  return id;
}

describe('/sandbox', () => {
  it('refuses an incomplete complaint with the reason and keeps what was typed', async () => {
    const res = await postForm(`${c.url}/sandbox/tickets`, { subject: '', description: 'only a description', requester_name: 'Kept Name' });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('needs a subject and a description');
    expect(page).toContain('Kept Name');
    expect(c.sandbox!.list()).toHaveLength(0);
  });

  it('creates a complaint that the pipeline classifies; list columns and filters show it', async () => {
    const id = await create({
      subject: 'Microwave caught fire',
      description: '微波炉加热时里面突然起火了,门缝冒出黑烟,幸好及时断电。',
      requester_email: 'li@example.com',
      field_product_batch: 'MW-7',
    });
    const t = c.sandbox!.ticket(id)!;
    expect(t.fields).toEqual({ product_batch: 'MW-7' });
    expect(t.tags).toEqual(expect.arrayContaining(['cd_sev_l1', 'cd_sig_safety']));
    const l1 = await (await fetch(`${c.url}/sandbox?severity=L1`)).text();
    expect(l1).toContain(`data-ticket="${id}"`);
    expect(l1).toMatch(/data-col="severity">L1</);
    expect(l1).toContain('data-col="sla">ok<');
    const l3 = await (await fetch(`${c.url}/sandbox?severity=L3`)).text();
    expect(l3).not.toContain(`data-ticket="${id}"`);
    const byText = await (await fetch(`${c.url}/sandbox?q=${encodeURIComponent('Microwave')}`)).text();
    expect(byText).toContain(`data-ticket="${id}"`);
  });

  it('serves the ticket JSON for the sidebar adapter (Ticket + updatedAt) and 404s unknown ids', async () => {
    const id = c.sandbox!.list()[0].id;
    const res = await fetch(`${c.url}/sandbox/api/tickets/${id}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ host: 'sandbox', id, status: 'new', channel: 'phone', locale: 'en' });
    expect(typeof body.updatedAt).toBe('string');
    expect(Array.isArray(body.comments)).toBe(true);
    const missing = await fetch(`${c.url}/sandbox/api/tickets/99999`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });

  it('a customer reply with a legal threat goes through the pipeline and escalates', async () => {
    const id = await create({
      subject: 'Late parcel',
      description: 'My parcel is late by nine days.',
      requester_email: 'late@example.com',
    });
    const res = await postForm(`${c.url}/sandbox/tickets/${id}/comments`, {
      body: 'This is the third time I write. I will sue you and call my lawyer.',
      visibility: 'public',
      author: 'customer',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('notice=');
    await c.pipeline.idle();
    expect(c.sandbox!.ticket(id)!.tags).toEqual(expect.arrayContaining(['cd_sig_legal', 'cd_escalated']));
  });

  it('rejects a tag with characters the hosts do not accept and saves valid tags', async () => {
    const id = c.sandbox!.list()[0].id;
    const bad = await postForm(`${c.url}/sandbox/tickets/${id}/tags`, { tags: 'ok_tag bad<tag>' });
    expect(bad.headers.get('location')).toContain('error=');
    expect(c.sandbox!.ticket(id)!.tags).not.toContain('ok_tag');
    const good = await postForm(`${c.url}/sandbox/tickets/${id}/tags`, { tags: [...c.sandbox!.ticket(id)!.tags!, 'ok_tag'].join(' ') });
    expect(good.headers.get('location')).toContain('notice=');
    expect(c.sandbox!.ticket(id)!.tags).toContain('ok_tag');
  });

  it('solved + fast-forward past the follow-up delay creates the follow-up task; its CSAT answer reaches the dashboard', async () => {
    const policy = c.policyStore.current().policy;
    const id = await create({
      subject: 'Invoice title wrong',
      description: 'The invoice title is wrong, please correct it.',
      requester_email: 'inv@example.com',
    });
    await postForm(`${c.url}/sandbox/tickets/${id}/comments`, {
      body: 'Corrected, new invoice attached.',
      visibility: 'public',
      author: 'agent',
    });
    const solved = await postForm(`${c.url}/sandbox/tickets/${id}/properties`, { status: 'solved', priority: 'low' });
    expect(solved.status).toBe(303);
    await c.pipeline.idle();
    const bad = await postForm(`${c.url}/sandbox/clock`, { hours: '-3', back: `/sandbox/tickets/${id}` });
    expect(bad.headers.get('location')).toContain('error=');
    const ff = await postForm(`${c.url}/sandbox/clock`, {
      hours: String(policy.followUp.daysAfterSolve * 24 + 1),
      back: `/sandbox/tickets/${id}`,
    });
    expect(ff.headers.get('location')).toMatch(new RegExp(`^/sandbox/tickets/${id}\\?notice=`));
    await c.pipeline.idle();
    const task = c.sandbox!.list().find((t) => t.kind === 'follow_up' && t.relatedTicketId === id);
    expect(task).toBeDefined();
    expect(task!.tags).toContain(policy.followUp.tag);
    const page = await (await fetch(`${c.url}/sandbox/tickets/${task!.id}`)).text();
    expect(page).toContain('data-testid="csat-form"');
    expect((await postForm(`${c.url}/sandbox/tickets/${task!.id}/csat`, { csat: '4' })).headers.get('location')).toContain('notice=');
    expect((await postForm(`${c.url}/sandbox/tickets/${task!.id}/csat`, { csat: '9' })).headers.get('location')).toContain('error=');
    const dash = await (await fetch(`${c.url}/admin/api/dashboard`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
    expect(dash.kpis.csat).toEqual({ n: 1, average: 4, min: policy.followUp.csatScale.min, max: policy.followUp.csatScale.max });
    expect(dash.kpis.resolution.n).toBe(1);
  });

  it('serves the page scripts and, when built, the sidebar app', async () => {
    if (existsSync(path.join(ROOT, 'dist/web/sandbox-ticket.js'))) {
      const js = await fetch(`${c.url}/sandbox/assets/sandbox-ticket.js`);
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
    }
    const app = await fetch(`${c.url}/sandbox/app/`);
    expect(app.status).toBe(existsSync(path.join(ROOT, 'dist/sandbox-app/index.html')) ? 200 : 404);
  });
});

describe('/sandbox "View as" and the clock in minutes', () => {
  it('keeps the View-as role, agent and locale across a form submit', async () => {
    const id = await create({ subject: 'Rude courier', description: 'The courier was rude and threw my parcel.' });
    const page = await (await fetch(`${c.url}/sandbox/tickets/${id}?agent=Sue&role=supervisor&locale=zh-TW`)).text();
    expect(page).toContain(`action="/sandbox/tickets/${id}/comments?agent=Sue&amp;role=supervisor&amp;locale=zh-TW"`);
    const res = await postForm(`${c.url}/sandbox/tickets/${id}/comments?agent=Sue&role=supervisor&locale=zh-TW`, {
      body: 'Checking.',
      visibility: 'internal',
      author: 'agent',
    });
    expect(res.status).toBe(303);
    const next = new URL(res.headers.get('location')!, c.url);
    expect(Object.fromEntries(['agent', 'role', 'locale'].map((k) => [k, next.searchParams.get(k)]))).toEqual({
      agent: 'Sue',
      role: 'supervisor',
      locale: 'zh-TW',
    });
    const after = await (await fetch(new URL(res.headers.get('location')!, c.url))).text();
    expect(after).toMatch(/<option selected>supervisor<\/option>/);
  });

  it('fast-forwards by minutes and refuses nothing-at-all', async () => {
    const offset = async () => (await (await fetch(`${c.url}/sandbox/api/clock`)).json()).offsetMs as number;
    const before = await offset();
    const ok = await postForm(`${c.url}/sandbox/clock`, { hours: '0', minutes: '10', back: '/sandbox' });
    expect(ok.status).toBe(303);
    expect((await offset()) - before).toBe(10 * 60_000);
    const none = await postForm(`${c.url}/sandbox/clock`, { hours: '0', minutes: '0', back: '/sandbox' });
    expect(decodeURIComponent(none.headers.get('location')!)).toContain('at least 1 minute');
  });
});
