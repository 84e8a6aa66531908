/**
 * The zone, times and amounts the panels show. The connector's view carries them written for this agent
 * (`view.display`, policies/src/engine/display-format.ts), so an online render runs no Intl at all: a page's
 * first use of Intl costs 30–45 ms (ICU's data). Anything the view did not carry, an offline view, or a view
 * written for another locale is formatted here, with the same format.
 */
import type { TicketView } from '../../../../connector/src/api/ticket-view';
import { formatAt, formatMoney } from '../../../../policies/src/engine/display-format';
import type { Locale } from '../../../../policies/src/types';

export interface ReaderFormats {
  timeZone: string;
  at(iso: string | number | null | undefined): string;
  money(amount: number, currency: string): string;
}

/** `zone()`: the agent's zone as the sidebar works it out (host's, else the policy's); only called without `display`. */
export function readerFormats(view: TicketView, locale: Locale, zone: () => string): ReaderFormats {
  const d = view.display && view.display.locale === locale ? view.display : null;
  const timeZone = d?.timeZone ?? zone();
  return {
    timeZone,
    at(iso) {
      if (iso == null || iso === '') return '';
      const ms = typeof iso === 'number' ? iso : Date.parse(iso);
      return (Number.isFinite(ms) && d?.times[ms]) || formatAt(ms, locale, timeZone);
    },
    money(amount, currency) {
      return (currency === view.remedies?.currency && d?.money[amount]) || formatMoney(amount, currency, locale);
    },
  };
}
