/**
 * Freshdesk ticket_background location: registers the save guard's intercepts on every ticket page, so the
 * malicious-label rule holds even when the agent never opens the (minimised) sidebar. Background locations
 * render no UI and are the documented home of intercept handlers (Freshworks platform 3.0 docs, "Intercept
 * events"; freshworks-developers/freshworks-platform3 references/architecture/intercept-validation-patterns.md).
 */
import { backgroundGuard } from '../data/background-guard';
import { browserStore } from '../data/load-policy';
import { createFreshdeskHost, type FreshworksClient } from '../host/freshdesk-host';
import { interceptSaves } from '../host/freshdesk-save-intercepts';
import { translator } from '../i18n/translate';

declare const app: { initialized(): Promise<FreshworksClient> } | undefined;

async function start(): Promise<void> {
  if (typeof app === 'undefined') throw new Error('the Freshworks app client is not available (open the app inside Freshdesk)');
  const host = await createFreshdeskHost(await app.initialized(), 'ticket_background', interceptSaves);
  host.onSaveGuard(backgroundGuard(host, browserStore(), translator(host.context.agent.locale)));
}

start().catch((e: Error) => console.error(`Complaint Desk background: ${e.message}`));
