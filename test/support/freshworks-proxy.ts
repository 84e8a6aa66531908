/**
 * A stand-in for the Freshworks request-method proxy: renders a config/requests.json template the way the
 * platform documents it for a front-end app (ticket_sidebar, ticket_background) and sends it.
 *
 * Substitution rules (Freshworks platform 3.0 docs, "Support of context substitution in request templates"
 * and "Support of installation parameters (iparams) substitution"; mirrored in
 * github.com/freshworks-developers/freshworks-platform3 references/api/request-method-docs.md):
 * - host: non-secure iparams (context only on the installation page / serverless);
 * - path, query: non-secure iparams and context;
 * - headers: secure and non-secure iparams (context only on the installation page / serverless).
 * A placeholder the platform does not fill for this caller renders empty, so a template that relies on it
 * sends an empty value and the test sees what a real install would see.
 */
export interface RequestTemplate {
  schema: {
    method: string;
    protocol?: string;
    host: string;
    path?: string;
    headers?: Record<string, string>;
    query?: Record<string, string | number>;
  };
}

export interface ProxyInputs {
  /** Non-secure iparams (page-visible). */
  iparams: Record<string, string>;
  /** Secure iparams (only the proxy sees them). */
  secureIparams: Record<string, string>;
  context: Record<string, string>;
}

type Field = 'host' | 'path' | 'headers' | 'query';

const ALLOWED: Record<Field, { plain: boolean; secure: boolean; context: boolean }> = {
  host: { plain: true, secure: false, context: false },
  path: { plain: true, secure: false, context: true },
  headers: { plain: true, secure: true, context: false },
  query: { plain: true, secure: false, context: true },
};

export function fill(field: Field, text: string, input: ProxyInputs): string {
  const rule = ALLOWED[field];
  return text.replace(/<%=\s*(iparam|context)\.(\w+)\s*%>/g, (_m, scope: string, key: string) => {
    if (scope === 'context') return rule.context ? String(input.context[key] ?? '') : '';
    if (key in input.secureIparams) return rule.secure ? input.secureIparams[key] : '';
    return rule.plain ? String(input.iparams[key] ?? '') : '';
  });
}

/** The request the proxy sends. `protocol` overrides the template's (tests talk plain http to 127.0.0.1). */
export function renderTemplate(
  tpl: RequestTemplate,
  input: ProxyInputs,
  protocol?: string,
): { url: string; method: string; headers: Record<string, string> } {
  const s = tpl.schema;
  const base = `${protocol ?? s.protocol ?? 'https'}://${fill('host', s.host, input)}`;
  const url = new URL(`${base}${fill('path', s.path ?? '/', input)}`);
  for (const [k, v] of Object.entries(s.query ?? {})) url.searchParams.set(k, fill('query', String(v), input));
  const headers = Object.fromEntries(
    Object.entries(s.headers ?? {})
      .map(([k, v]) => [k, fill('headers', v, input)])
      .filter(([, v]) => v !== ''),
  );
  return { url: url.toString(), method: s.method, headers };
}
