/**
 * Which PostgreSQL failures mean "the server cannot be reached right now" (worth retrying with back-off) rather
 * than a mistake to fix (wrong password, no such database, bad SQL), which retrying would only repeat.
 */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up / shutting down), 08xxx connection exceptions.
const SQLSTATE = /^(57P0[123]|08\d{3})$/;

export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === 'string' ? err.code : '';
  if (NETWORK.has(code) || SQLSTATE.test(code)) return true;
  const message = typeof err?.message === 'string' ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|Client has encountered a connection error/i.test(message);
}
