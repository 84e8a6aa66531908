/**
 * Browser script of the sandbox ticket page: the parent side of the sidebar's postMessage protocol
 * (Insert → reply box, resize, save guard before saving tags) and live refresh after connector write-backs.
 */
type FromSidebar =
  | { source: 'complaint-desk'; type: 'editor.insert'; text: string }
  | { source: 'complaint-desk'; type: 'resize'; height: number }
  | { source: 'complaint-desk'; type: 'ticket.save.result'; requestId: string; ok: boolean; reason?: string };

const GUARD_TIMEOUT_MS = 5000;
const POLL_MS = 2000;

const root = document.querySelector<HTMLElement>('[data-ticket-id]');
const frame = document.getElementById('sidebar') as HTMLIFrameElement | null;
const reply = document.getElementById('reply-body') as HTMLTextAreaElement | null;
const guardBox = document.getElementById('guard-message');
const pending = new Map<string, (r: { ok: boolean; reason?: string }) => void>();

function toSidebar(msg: object): void {
  frame?.contentWindow?.postMessage({ source: 'complaint-desk-host', ...msg }, location.origin);
}

function insertText(text: string): void {
  if (!reply) return;
  const start = reply.selectionStart ?? reply.value.length;
  const end = reply.selectionEnd ?? reply.value.length;
  const before = reply.value.slice(0, start);
  const sep = before && !before.endsWith('\n') ? '\n' : '';
  reply.value = before + sep + text + reply.value.slice(end);
  reply.focus();
  const pos = (before + sep + text).length;
  reply.setSelectionRange(pos, pos);
}

window.addEventListener('message', (ev: MessageEvent) => {
  if (ev.origin !== location.origin || (frame && ev.source !== frame.contentWindow)) return;
  const m = ev.data as FromSidebar;
  if (!m || m.source !== 'complaint-desk') return;
  if (m.type === 'editor.insert' && typeof m.text === 'string') insertText(m.text);
  else if (m.type === 'resize' && frame && Number.isFinite(m.height))
    frame.style.height = `${Math.max(200, Math.min(4000, Math.ceil(m.height)))}px`;
  else if (m.type === 'ticket.save.result') pending.get(m.requestId)?.({ ok: m.ok === true, reason: m.reason });
});

/** Asks the sidebar whether these tags may be saved; no answer in time blocks the save. */
function askGuard(tags: string[]): Promise<{ ok: boolean; reason?: string }> {
  if (!frame) return Promise.resolve({ ok: true });
  const requestId = `save-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(requestId);
      resolve({ ok: false, reason: 'The sidebar did not answer the save check. Wait for it to load and try again.' });
    }, GUARD_TIMEOUT_MS);
    pending.set(requestId, (r) => {
      clearTimeout(timer);
      pending.delete(requestId);
      resolve(r);
    });
    toSidebar({ type: 'ticket.save', requestId, tags });
  });
}

const tagsForm = document.getElementById('tags-form') as HTMLFormElement | null;
tagsForm?.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const input = tagsForm.querySelector<HTMLInputElement>('input[name=tags]');
  const tags = (input?.value ?? '').split(/[\s,]+/).filter(Boolean);
  const button = tagsForm.querySelector('button');
  if (button) button.disabled = true;
  const verdict = await askGuard(tags);
  if (button) button.disabled = false;
  if (verdict.ok) {
    if (guardBox) guardBox.hidden = true;
    HTMLFormElement.prototype.submit.call(tagsForm);
  } else if (guardBox) {
    guardBox.textContent = `Save blocked: ${verdict.reason ?? 'the sidebar refused it'}`;
    guardBox.hidden = false;
  }
});

/** Swaps the live sections when the ticket changed on the server (connector write-backs arrive asynchronously). */
async function refresh(): Promise<void> {
  if (!root) return;
  const id = root.dataset.ticketId;
  const res = await fetch(`/sandbox/api/tickets/${encodeURIComponent(id ?? '')}`, { headers: { accept: 'application/json' } });
  if (!res.ok) return;
  const t = (await res.json()) as { updatedAt: string };
  if (t.updatedAt === root.dataset.updatedAt) return;
  const page = new DOMParser().parseFromString(await (await fetch(location.pathname + location.search)).text(), 'text/html');
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-live]'))) {
    const fresh = page.querySelector(`[data-live="${el.dataset.live}"]`);
    if (fresh) el.innerHTML = fresh.innerHTML;
  }
  for (const sel of ['#tags-input', 'select[name=status]', 'select[name=priority]']) {
    const mine = document.querySelector<HTMLInputElement>(sel);
    const theirs = page.querySelector<HTMLInputElement>(sel);
    if (mine && theirs && document.activeElement !== mine) mine.value = theirs.value;
  }
  root.dataset.updatedAt = t.updatedAt;
  toSidebar({ type: 'ticket.changed' });
}

setInterval(() => {
  refresh().catch(() => undefined);
}, POLL_MS);

export {};
