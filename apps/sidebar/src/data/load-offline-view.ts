/**
 * The offline view's code (the engine's classifier, SLA, scripts and remedies: `local-view.ts`) is a file of its
 * own, `offline.js`, beside the sidebar's bundle. The sidebar fetches it only when the connector cannot answer,
 * so a ticket open downloads and parses about 11 KB gz less (docs/sidebar.md, "Offline").
 */
import type { LocalViewInput } from './local-view';
import type { TicketView } from '../../../../connector/src/api/ticket-view';

export type LocalView = (input: LocalViewInput) => TicketView;

/** Where `offline.js` puts its `localView` when it runs. */
export const OFFLINE_GLOBAL = '__complaintDeskOfflineView';
export const OFFLINE_FILE = 'offline.js';
export const OFFLINE_TIMEOUT_MS = 10_000;

// The bundle's own address, read while it runs: offline.js sits in the same folder (assets/ on Zendesk,
// app/scripts/ on Freshdesk), whatever page loaded it.
const ownScript = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null);

export function offlineChunkUrl(base: string = ownScript?.src || location.href): string {
  return new URL(OFFLINE_FILE, base).href;
}

type Registry = Record<string, LocalView | undefined>;
let loading: Promise<LocalView> | null = null;

/** Adds offline.js to the page once and resolves with its `localView`; after a failed load the next call (Retry) tries again. */
export function loadOfflineView(url: string = offlineChunkUrl(), ms = OFFLINE_TIMEOUT_MS): Promise<LocalView> {
  const registry = globalThis as unknown as Registry;
  const ready = registry[OFFLINE_GLOBAL];
  if (ready) return Promise.resolve(ready);
  loading ??= new Promise<LocalView>((resolve, reject) => {
    const script = document.createElement('script');
    const fail = (why: string) => {
      clearTimeout(timer);
      script.remove();
      loading = null;
      reject(new Error(`the offline view could not be loaded (${OFFLINE_FILE}: ${why})`));
    };
    const timer = setTimeout(() => fail(`no answer in ${ms / 1000} s`), ms);
    script.onload = () => {
      const fn = registry[OFFLINE_GLOBAL];
      if (fn) {
        clearTimeout(timer);
        resolve(fn);
      } else fail('it ran but registered nothing');
    };
    script.onerror = () => fail('the file did not load');
    script.src = url;
    document.head.appendChild(script);
  });
  return loading;
}
