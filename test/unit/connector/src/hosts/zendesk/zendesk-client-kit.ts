/** The Zendesk client under test against nock, shared by create-zendesk-client*.test.ts. */
import nock from 'nock';
import { createZendeskClient } from '../../../../../../connector/src/hosts/zendesk/create-zendesk-client';
import { clientTestOptions, fixture, testPolicy } from '../host-test-kit';

export const BASE = 'https://acme.zendesk.com';
export const AUTH = `Basic ${Buffer.from('bot@acme.example/token:zd-token-1').toString('base64')}`;
export const policy = testPolicy();

export function client(extra: Record<string, unknown> = {}) {
  const { r, options } = clientTestOptions(policy);
  const zd = createZendeskClient({
    subdomain: 'acme',
    email: 'bot@acme.example',
    apiToken: 'zd-token-1',
    ...options,
    ...extra,
  });
  return { zd, r };
}

export const zd = () => nock(BASE, { reqheaders: { authorization: AUTH } });

export function mockRead(queries: unknown[] = []) {
  zd()
    .get('/api/v2/tickets/35436.json')
    .query((q) => {
      queries.push(q);
      return true;
    })
    .reply(200, fixture('zendesk', 'api-ticket-show.json'));
  zd()
    .get('/api/v2/tickets/35436/comments.json')
    .query((q) => {
      queries.push(q);
      return true;
    })
    .reply(200, fixture('zendesk', 'api-ticket-comments.json'));
}

export const note = { body: 'Classified: quality / L1.\nRespond by 12:00.', marker: 'cd:zendesk:35436:evt-1:classification' };
