/**
 * The Zendesk API as nock for the signed-identity flow, shaped as developer.zendesk.com documents it: the app
 * installation whose `agent_roles` setting names the supervisor, the supervisor and the agent (an agent with no group
 * memberships), a suspended former agent (555), and ticket 301 to read and update. Persistent for the whole file.
 */
import nock from 'nock';

/** A Zendesk user record (GET /api/v2/users/{id}.json). */
export const zdUser = (zd: string, id: string, name: string) => ({
  user: {
    id: Number(id),
    url: `${zd}/api/v2/users/${id}.json`,
    name,
    email: `u${id}@acme.example`,
    role: 'agent',
    active: true,
    suspended: false,
  },
});

export function mockZendeskIdentityApi(zd: string, supervisor: string, agent: string): void {
  nock(zd)
    .persist()
    .get('/api/v2/apps/installations.json')
    .reply(200, {
      installations: [
        { id: 360001, app_id: 9001, enabled: true, settings: { name: 'Complaint Desk', agent_roles: `supervisor: ${supervisor}` } },
      ],
    });
  nock(zd)
    .persist()
    .get(`/api/v2/users/${supervisor}.json`)
    .reply(200, zdUser(zd, supervisor, 'Sam Supervisor'));
  nock(zd)
    .persist()
    .get(`/api/v2/users/${agent}.json`)
    .reply(200, zdUser(zd, agent, 'Lin Agent'));
  nock(zd)
    .persist()
    .get(`/api/v2/users/${agent}/group_memberships.json`)
    .reply(200, { group_memberships: [], next_page: null, previous_page: null, count: 0 });
  nock(zd)
    .persist()
    .get('/api/v2/users/555.json')
    .reply(200, { user: { ...zdUser(zd, '555', 'Ex Agent').user, suspended: true } });
  nock(zd)
    .persist()
    .get('/api/v2/tickets/301.json')
    .query(true)
    .reply(200, { ticket: { id: 301, tags: [], updated_at: '2026-11-23T02:00:05Z', status: 'new', subject: 's' } });
  nock(zd)
    .persist()
    .put('/api/v2/tickets/301.json')
    .reply(200, { ticket: { id: 301, tags: [], updated_at: '2026-11-23T02:00:06Z', status: 'open', subject: 's' } });
}
