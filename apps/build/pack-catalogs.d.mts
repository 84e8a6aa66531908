import type { Plugin } from 'esbuild';
export function packedCatalog(en: Record<string, unknown>, catalog: Record<string, unknown>): string | null;
export function packCatalogs(): Plugin;
