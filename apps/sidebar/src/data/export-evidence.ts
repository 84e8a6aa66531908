/**
 * Evidence bundle export for reviewers: `GET /api/v1/evidence/:host/:ticket` through the host's own
 * request path (Zendesk secure proxy + JWT, Freshdesk request template `getEvidenceExport`, sandbox
 * same-origin), then offered to the agent as a JSON file download.
 */
import type { HostApi } from '../host/host-api';
import { errorReason } from './load-view';
import { requestWithTimeout } from './request-with-timeout';

export interface EvidenceExport {
  ok: true;
  bundle: { headHash?: string | null; entries?: unknown[] } & Record<string, unknown>;
  fileName: string;
}

export function evidencePath(host: HostApi): string {
  const { host: h, ticketId } = host.context;
  return `/api/v1/evidence/${encodeURIComponent(h)}/${encodeURIComponent(ticketId)}`;
}

export async function fetchEvidenceBundle(host: HostApi): Promise<EvidenceExport | { ok: false; reason: string }> {
  const res = await requestWithTimeout(host, evidencePath(host));
  if (res.status !== 200 || !res.body || typeof res.body !== 'object') return { ok: false, reason: errorReason(res) };
  const { host: h, ticketId } = host.context;
  const safe = (v: string) => v.replace(/[^\w.-]+/g, '_');
  return { ok: true, bundle: res.body as EvidenceExport['bundle'], fileName: `evidence-${safe(h)}-${safe(ticketId)}.json` };
}

/** Offers `value` as a JSON file (a Blob URL clicked through a download link; works inside host iframes that allow downloads). */
export function downloadJson(fileName: string, value: unknown, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
