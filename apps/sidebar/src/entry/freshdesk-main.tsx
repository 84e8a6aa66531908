import { createFreshdeskHost, type FreshworksClient } from '../host/freshdesk-host';
import { startSidebar } from './start-sidebar';
// After the base styles (imported by start-sidebar): the host's palette and type, CSS variables only.
import './theme-freshdesk.css';

declare const app: { initialized(): Promise<FreshworksClient> } | undefined;

startSidebar('ticket_sidebar', async () => {
  if (typeof app === 'undefined') throw new Error('the Freshworks app client is not available (open the app inside Freshdesk)');
  return createFreshdeskHost(await app.initialized());
});
