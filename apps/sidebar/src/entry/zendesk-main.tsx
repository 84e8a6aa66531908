import { createZendeskHost, type ZafClient } from '../host/zendesk-host';
import { startSidebar } from './start-sidebar';

declare const ZAFClient: { init(): ZafClient | undefined } | undefined;

startSidebar('ticket_sidebar', async () => {
  const client = typeof ZAFClient === 'undefined' ? undefined : ZAFClient.init();
  if (!client) throw new Error('ZAFClient is not available (open the app inside Zendesk)');
  return createZendeskHost(client);
});
