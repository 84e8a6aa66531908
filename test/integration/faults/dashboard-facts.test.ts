/**
 * Dashboard KPIs come from stored facts (`ticket_facts`, refreshed as events are processed) over a chosen
 * window (`?days=`), not from re-evaluating every ticket ever seen on each request.
 */
import { postForm, startSandbox, ADMIN_TOKEN } from '../sandbox/helpers/start-sandbox';

let c: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => { c = await startSandbox(); });
afterAll(async () => { await c.stop(); });

const dashboard = async (days?: number) =>
  (await fetch(`${c.url}/admin/api/dashboard${days ? `?days=${days}` : ''}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json();
const complaint = (subject: string) => c.sandbox!.createComplaint({ subject, description: 'The kettle charger started smoking and sparking.', fields: {}, requester: { name: 'A', email: 'a@example.com' } });

it('counts the tickets of the chosen window from facts kept as events are processed', async () => {
  complaint('old one');
  complaint('old two');
  await c.pipeline.idle();
  expect((await postForm(`${c.url}/sandbox/clock`, { hours: '240' })).status).toBe(303); // ten days later
  const { id } = complaint('new one');
  await c.pipeline.idle();
  expect((c.db.prepare('SELECT COUNT(*) AS n FROM ticket_facts').get() as { n: number }).n).toBe(3);

  const week = await dashboard(7);
  expect(week.windowDays).toBe(7);
  expect(week.kpis.total).toBe(1);
  expect((await dashboard(30)).kpis.total).toBe(3);

  // a processed status change updates the stored facts: the resolution time appears without recomputing history
  c.sandbox!.setStatus(id, 'solved');
  await c.pipeline.idle();
  expect((await dashboard(7)).kpis.resolution.n).toBe(1);
});
