export const ENTRIES: Record<'zendesk' | 'freshdesk' | 'sandbox', string>;
export function bundleSidebar(root: string, options?: { minify?: boolean }): Promise<{ bundles: Record<'zendesk' | 'freshdesk' | 'sandbox', { js: string; css: string }>; metafile: unknown }>;
