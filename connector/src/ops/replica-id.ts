import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/** This process's name in shared job claims (host:pid:random, unique per start even for connectors in one process). */
export function replicaId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
