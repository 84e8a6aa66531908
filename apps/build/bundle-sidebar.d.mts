export const ENTRIES: Record<'zendesk' | 'freshdesk' | 'sandbox' | 'freshdesk-background', string>;
export function bundleSidebar(
  root: string,
  options?: { minify?: boolean },
): Promise<{
  bundles: Record<'zendesk' | 'freshdesk' | 'sandbox' | 'freshdesk-background', { js: string; css: string }>;
  metafile: unknown;
}>;
