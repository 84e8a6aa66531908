import { ConnectorUnreachable, type HostApi, type HostResponse, type RequestOptions } from '../host/host-api';

export const REQUEST_TIMEOUT_MS = 10_000;

/** `host.request` that gives up after `ms` (a hung proxy counts as unreachable: no endless spinner). */
export function requestWithTimeout(host: HostApi, path: string, options?: RequestOptions, ms = REQUEST_TIMEOUT_MS): Promise<HostResponse> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new ConnectorUnreachable(`no answer from the connector in ${ms / 1000} s`)), ms);
    host.request(path, options).then(
      (r) => {
        clearTimeout(timer);
        resolve(r);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
