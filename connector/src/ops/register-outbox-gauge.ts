/**
 * `complaint_desk_outbox_calls{host,state}`: host calls kept in the durable outbox, read from the store at
 * scrape time: `pending` (not sent yet), `retrying` (pending after at least one failed attempt: the host is
 * down or rate-limiting) and `parked` (failed for good; see the log and /admin health). While a host is down
 * its calls stay here and this gauge shows them. On PostgreSQL the numbers are the whole fleet's.
 */
import { Gauge } from 'prom-client';
import type { Db } from '../store/open-database';
import { createSqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import type { Metrics } from './create-metrics';

/** Over the Store (any backend) or a SQLite database. */
export function registerOutboxGauge(metrics: Metrics, source: Store | Db): Gauge<'host' | 'state'> {
  const db = 'prepare' in source ? source : null;
  const store = db ? createSqliteStore(db) : (source as Store);
  const open = () => (db ? db.open : true);
  return new Gauge({
    name: 'complaint_desk_outbox_calls',
    help: 'Host calls in the durable outbox by host and state (pending, retrying = pending after a failed attempt, parked = failed for good)',
    labelNames: ['host', 'state'],
    registers: [metrics.registry],
    async collect() {
      if (!open()) return this.reset();
      // The database away (PostgreSQL restarting): keep the last numbers rather than fail the whole scrape, which
      // would hide complaint_desk_database_up = 0 exactly when it matters.
      const rows = await store.outbox.statsByHost().catch(() => null);
      if (!rows) return;
      this.reset();
      for (const r of rows) {
        this.set({ host: r.host, state: 'pending' }, r.pending);
        this.set({ host: r.host, state: 'retrying' }, r.retrying);
        this.set({ host: r.host, state: 'parked' }, r.parked);
      }
    },
  });
}
