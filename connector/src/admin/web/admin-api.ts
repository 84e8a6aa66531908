/** Admin console: the token (sessionStorage) and authorised fetches to /admin/api. */
const KEY = 'complaint-desk-admin-token';

export const token = {
  get: () => sessionStorage.getItem(KEY),
  set: (t: string) => sessionStorage.setItem(KEY, t),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(cb: () => void): void {
  onUnauthorized = cb;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`/admin/api${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token.get() ?? ''}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON (downloads)
  }
  if (res.status === 401) {
    onUnauthorized();
    throw new ApiError(401, 'the admin token was not accepted', body);
  }
  if (!res.ok && res.status !== 422) {
    const msg =
      (body as { error?: { message?: string }; message?: string })?.error?.message ??
      (body as { message?: string })?.message ??
      `HTTP ${res.status}`;
    throw new ApiError(res.status, msg, body);
  }
  return body as T;
}

/** Builds an element: el('td', {class: 'x'}, 'text', child). Text is always set as text (no HTML injection). */
export function el(
  tag: string,
  attrs: Record<string, string> = {},
  ...children: (Node | string | number | null | undefined)[]
): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

export function table(target: HTMLElement, head: string[], rows: (Node | string | number | null)[][], empty = 'nothing yet'): void {
  target.replaceChildren(
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))),
    el(
      'tbody',
      {},
      ...(rows.length
        ? rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))
        : [el('tr', {}, el('td', { colspan: String(head.length), class: 'muted' }, empty))]),
    ),
  );
}

export function showStatus(text: string, error = false): void {
  const box = document.getElementById('status');
  if (!box) return;
  box.textContent = text;
  box.className = `notice${error ? ' error' : ''}`;
  box.hidden = !text;
}

export const fmtDuration = (ms: number | null) => {
  if (ms === null) return 'no data';
  const m = Math.round(ms / 60000);
  return m < 60 ? `${m} min` : m < 2880 ? `${Math.round((m / 60) * 10) / 10} h` : `${Math.round((m / 1440) * 10) / 10} d`;
};
