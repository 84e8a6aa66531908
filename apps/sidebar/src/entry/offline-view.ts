/**
 * offline.js: the offline view (the engine run in the browser on the cached policy), loaded by the sidebar only
 * when the connector cannot answer (data/load-offline-view.ts).
 */
import { OFFLINE_GLOBAL, type LocalView } from '../data/load-offline-view';
import { localView } from '../data/local-view';

(globalThis as unknown as Record<string, LocalView>)[OFFLINE_GLOBAL] = localView;
