import { createZendeskHost, type ZafClient } from '../host/zendesk-host';
import { startSidebar } from './start-sidebar';
// After the base styles (imported by start-sidebar): the host's palette and type, CSS variables only.
import './theme-zendesk.css';

declare const ZAFClient: { init(): ZafClient | undefined } | undefined;

startSidebar('ticket_sidebar', async () => {
  const client = typeof ZAFClient === 'undefined' ? undefined : ZAFClient.init();
  if (!client) throw new Error('ZAFClient is not available (open the app inside Zendesk)');
  return createZendeskHost(client);
});
