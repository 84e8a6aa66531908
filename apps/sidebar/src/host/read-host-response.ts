/** Turning the connector's answers into a HostResponse, the same for every host (fetch, ZAF request, Freshworks request). */
import type { HostResponse } from './host-api';

/** The JSON of a response body; null when empty or not JSON (HostResponse.body). */
export function parseJsonBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A fetch Response as a HostResponse: status, JSON body (or null) and headers. */
export async function readHostResponse(res: Response): Promise<HostResponse> {
  const body = parseJsonBody(await res.text());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  return { status: res.status, body, headers };
}
