/** Compares two secrets in constant time (both are hashed first, so their lengths leak nothing). */
import { createHash, timingSafeEqual } from 'node:crypto';

export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && Buffer.byteLength(a) === Buffer.byteLength(b);
}
