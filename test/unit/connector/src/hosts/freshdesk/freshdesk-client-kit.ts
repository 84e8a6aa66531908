/** The Freshdesk client under test against nock, shared by create-freshdesk-client*.test.ts. */
import nock from 'nock';
import { createFreshdeskClient } from '../../../../../../connector/src/hosts/freshdesk/create-freshdesk-client';
import { clientTestOptions, testPolicy } from '../host-test-kit';

export const BASE = 'https://acme.freshdesk.com';
export const AUTH = `Basic ${Buffer.from('fd-key-1:X').toString('base64')}`;
export const policy = testPolicy();

export function client(extra: Record<string, unknown> = {}) {
  const { r, options } = clientTestOptions(policy);
  const fd = createFreshdeskClient({
    domain: 'acme',
    apiKey: 'fd-key-1',
    ...options,
    ...extra,
  });
  return { fd, r };
}

export const fd = () => nock(BASE, { reqheaders: { authorization: AUTH } });
export const note = { body: 'Classified: billing / L2 <regulator>.\nResolve by Friday.', marker: 'cd:freshdesk:20:evt-7:classification' };
export const noteHtml = 'Classified: billing / L2 &lt;regulator&gt;.<br>Resolve by Friday.';
