/** Test signer for HS256 JWTs as the ZAF proxy makes them (`jwt: {algorithm: 'HS256', secret_key}`); synchronous, node:crypto. */
import { createHmac } from 'node:crypto';

export function signHs256Jwt(claims: Record<string, unknown>, secret: string): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const head = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64(JSON.stringify(claims));
  return `${head}.${body}.${createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')}`;
}
