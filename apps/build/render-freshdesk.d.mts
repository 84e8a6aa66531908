export const ENGINES: { node: string; fdk: string };
export const CONTEXT_QUERY: Record<string, string>;
export const ETAG_QUERY: string;
export interface TemplateSpec {
  name: string;
  method: string;
  path: string;
}
export function readTemplates(root: string): TemplateSpec[];
export function freshdeskManifest(m: unknown, templates: TemplateSpec[]): Record<string, any>;
export function freshdeskIparams(
  m: unknown,
): Record<string, { display_name: string; description: string; type: string; required: boolean; secure: boolean }>;
export function freshdeskRequests(
  m: unknown,
  templates: TemplateSpec[],
): Record<
  string,
  {
    schema: {
      method: string;
      protocol?: string;
      host: string;
      path?: string;
      headers?: Record<string, string>;
      query?: Record<string, string>;
    };
    options: Record<string, unknown>;
  }
>;
export function renderFreshdesk(
  root: string,
  m: unknown,
  bundle: { js: string; css: string },
  outDir: string,
  background: { js: string; css: string },
  offline: { js: string; css: string },
): void;
