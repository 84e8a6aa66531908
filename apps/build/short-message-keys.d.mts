import type { Plugin } from 'esbuild';
/** Key → short id for the message keys the sidebar bundle can rename exactly; throws where a `t(` key cannot be followed. */
export function messageKeyIds(keys: string[], sources: Record<string, string>): Map<string, string>;
/** The source with each renamed key at a `t(` call replaced by its id. */
export function renameKeys(text: string, keyIds: Map<string, string>): string;
/** The sidebar's message-key ids, read from the repository at `root`. */
export function sidebarKeyIds(root: string): Map<string, string>;
export function shortMessageKeys(keyIds: Map<string, string>): Plugin;
