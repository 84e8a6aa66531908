/**
 * Dashboard KPIs come from stored facts (`ticket_facts`, refreshed as events are processed) over a chosen
 * window (`?days=`), not from re-evaluating every ticket ever seen on each request.
 */
import { postForm, startSandbox, ADMIN_TOKEN } from '../sandbox/helpers/start-sandbox';

let c: Awaited<ReturnType<typeof startSandbox>>;
beforeAll(async () => {
  c = await startSandbox();
});
afterAll(async () => {
  await c.stop();
});

const dashboard = async (days?: number) =>
  (
    await fetch(`${c.url}/admin/api/dashboard${days ? `?days=${days}` : ''}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  ).json();
const complaint = (subject: string) =>
  c.sandbox!.createComplaint({
    subject,
    description: 'The kettle charger started smoking and sparking.',
    fields: {},
    requester: { name: 'A', email: 'a@example.com' },
  });

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

describe('when the active policy changes', () => {
  const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
  const facts = () =>
    c.db
      .prepare(
        'SELECT ticket_id AS id, created_at AS createdAt, due_at AS dueAt FROM ticket_facts WHERE due_at IS NOT NULL ORDER BY ticket_id',
      )
      .all() as { id: string; createdAt: string; dueAt: string }[];
  const minutesToDue = () => facts().map((f) => Math.round((Date.parse(f.dueAt) - Date.parse(f.createdAt)) / 60_000));
  const settledOn = async (version: string) => {
    const until = Date.now() + 15_000;
    for (;;) {
      const d = await dashboard();
      if (d.facts && d.facts.policyVersion === version && !d.facts.recomputing) return d;
      if (Date.now() > until) throw new Error(`facts not recomputed for ${version}: ${JSON.stringify(d.facts)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('recomputes deadlines in the background on activation and on rollback, and says when it is done', async () => {
    complaint('policy change one');
    complaint('policy change two');
    await c.pipeline.idle();
    const before = minutesToDue();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const current = await (await fetch(`${c.url}/admin/api/policy`, { headers })).json();
    const slower = JSON.parse(current.text);
    slower.version = `${slower.version}-slower`;
    for (const s of Object.values(slower.severities) as Record<string, number>[]) {
      for (const k of ['firstAcknowledgeWithinMinutes', 'respondWithinMinutes', 'resolveWithinMinutes'])
        if (typeof s[k] === 'number') s[k] *= 2;
    }
    const act = await (
      await fetch(`${c.url}/admin/api/policy/activate`, { method: 'POST', headers, body: JSON.stringify({ text: JSON.stringify(slower) }) })
    ).json();
    expect(act.ok).toBe(true);
    const after = await settledOn(slower.version);
    expect(after.policyVersion).toBe(slower.version);
    expect(minutesToDue()).toEqual(before.map((m) => m * 2));

    const back = await (await fetch(`${c.url}/admin/api/policy/rollback/${current.id}`, { method: 'POST', headers })).json();
    expect(back.ok).toBe(true);
    await settledOn(current.version);
    expect(minutesToDue()).toEqual(before);
  });
});
