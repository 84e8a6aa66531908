/**
 * The CSAT scale is policy data (`followUp.csatScale`): a started sandbox connector whose policy asks 0-10
 * offers 0..10 on the follow-up task, accepts 9 and 0, refuses 11, and the dashboard averages on that scale.
 */
import { ADMIN_TOKEN, postForm, startSandbox } from './helpers/start-sandbox';

let c: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  c = await startSandbox({ editPolicy: (p) => (p.followUp.csatScale = { min: 0, max: 10 }) });
});
afterAll(() => c?.stop());

it('a 0-10 policy scale drives the sandbox form, the accepted answers and the dashboard KPI', async () => {
  const policy = c.policyStore.current().policy;
  expect(policy.followUp.csatScale).toEqual({ min: 0, max: 10 });
  const res = await postForm(`${c.url}/sandbox/tickets`, {
    channel: 'phone',
    locale: 'en',
    requester_name: 'Li',
    subject: 'Invoice title wrong',
    description: 'The invoice title is wrong, please correct it.',
  });
  const id = /\/sandbox\/tickets\/(\d+)/.exec(res.headers.get('location') ?? '')![1];
  await c.pipeline.idle();
  await postForm(`${c.url}/sandbox/tickets/${id}/properties`, { status: 'solved', priority: 'low' });
  await c.pipeline.idle();
  await postForm(`${c.url}/sandbox/clock`, { hours: String(policy.followUp.daysAfterSolve * 24 + 1), back: `/sandbox/tickets/${id}` });
  await c.pipeline.idle();
  const task = c.sandbox!.list().find((t) => t.kind === 'follow_up' && t.relatedTicketId === id)!;
  expect(task.subject).toBe(`回访：投诉 #${id}`);
  expect(task.comments[0].body).toContain('（0-10 分）');
  const page = await (await fetch(`${c.url}/sandbox/tickets/${task.id}`)).text();
  const form = /data-testid="csat-form">([\s\S]*?)<\/form>/.exec(page)![1];
  expect(form).toContain('(0-10)');
  expect([...form.matchAll(/<option[^>]*>(\d+)<\/option>/g)].map((m) => Number(m[1]))).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
  expect((await postForm(`${c.url}/sandbox/tickets/${task.id}/csat`, { csat: '11' })).headers.get('location')).toContain('error=');
  expect((await postForm(`${c.url}/sandbox/tickets/${task.id}/csat`, { csat: '' })).headers.get('location')).toContain('error=');
  expect((await postForm(`${c.url}/sandbox/tickets/${task.id}/csat`, { csat: '9' })).headers.get('location')).toContain('notice=');
  expect(c.sandbox!.ticket(task.id)!.fields?.csat).toBe(9);
  const dash = await (await fetch(`${c.url}/admin/api/dashboard`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
  expect(dash.kpis.csat).toEqual({ n: 1, average: 9, min: 0, max: 10 });
});
