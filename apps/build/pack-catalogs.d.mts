import type { Plugin } from 'esbuild';
export function packedCatalog(en: Record<string, unknown>, catalog: Record<string, unknown>): string | null;
/** `keyIds`: message keys shipped as short ids (short-message-keys.mjs). */
export function packCatalogs(keyIds?: Map<string, string>): Plugin;
