/**
 * The save guard on Freshdesk: intercepts `ticket.propertiesUpdated` and `ticket.closeTicketClick` (Freshworks
 * platform 3.0, "Intercept events") and fails the save with the guard's reason. Registered only by the
 * ticket_background location (entry/freshdesk-background.ts), which runs on every ticket page whether or not
 * the agent opens the sidebar; the sidebar entry never loads this file.
 */
import type { SaveIntercepts } from './freshdesk-host';

export const interceptSaves: SaveIntercepts = (client, context, guard) => {
  const currentTags = async (): Promise<string[]> => {
    const r = await client.data.get('ticket');
    if (r?.ticket?.id != null) context.ticketId = String(r.ticket.id);
    return Array.isArray(r.ticket?.tags) ? r.ticket.tags : [];
  };
  const intercept = async (event: any) => {
    try {
      const data = event?.helper?.getData?.() ?? {};
      const edited = data?.tags ?? data?.changedAttributes?.tags;
      // Re-read the ticket: the background instance outlives the ticket it started on.
      const current = await currentTags();
      const tags: string[] = Array.isArray(edited) ? edited : Array.isArray(edited?.new) ? edited.new : current;
      const reason = await guard(tags);
      if (reason) event.helper.fail(reason);
      else event.helper.done();
    } catch {
      event.helper.done();
    }
  };
  client.events.on('ticket.propertiesUpdated', intercept, { intercept: true });
  client.events.on('ticket.closeTicketClick', intercept, { intercept: true });
};
