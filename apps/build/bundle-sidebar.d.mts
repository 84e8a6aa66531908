export const ENTRIES: Record<'zendesk' | 'freshdesk' | 'sandbox' | 'freshdesk-background' | 'offline', string>;
export function bundleSidebar(
  root: string,
  options?: { minify?: boolean },
): Promise<{
  bundles: Record<'zendesk' | 'freshdesk' | 'sandbox' | 'freshdesk-background' | 'offline', { js: string; css: string }>;
  metafile: unknown;
}>;
/** The `:root` custom properties `css` declares more than once (the build fails on any). */
export function overriddenRootVars(css: string): string[];
