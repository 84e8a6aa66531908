import nock from 'nock';
import { fixture, useNock } from '../host-test-kit';
import { client } from './freshdesk-client-kit';

// FRESHDESK_DOMAIN names the account (`acme` → acme.freshdesk.com) or, with a dot, the whole host. The client
// without a base URL must reach the same host as the configured connector (config/load-config.ts).
describe('the Freshdesk API host from the domain', () => {
  useNock();
  const read = (domain: string) => client({ domain }).fd.getTicket('20');

  it.each([
    ['acme', 'https://acme.freshdesk.com'],
    ['acme.freshdesk.com', 'https://acme.freshdesk.com'],
    ['helpdesk.acme.example', 'https://helpdesk.acme.example'],
  ])('%s → %s', async (domain, origin) => {
    nock(origin).get('/api/v2/tickets/20').query(true).reply(200, fixture('freshdesk', 'api-ticket-view.json'));
    await expect(read(domain)).resolves.toMatchObject({ id: '20' });
    expect(nock.isDone()).toBe(true);
  });
});
