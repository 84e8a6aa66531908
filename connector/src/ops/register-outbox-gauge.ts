/**
 * `complaint_desk_outbox_calls{host,state}`: host calls kept in the durable outbox, read from the store at
 * scrape time: `pending` (not sent yet), `retrying` (pending after at least one failed attempt: the host is
 * down or rate-limiting) and `parked` (failed for good; see the log and /admin health). While a host is down
 * its calls stay here and this gauge shows them.
 */
import { Gauge } from 'prom-client';
import type { Db } from '../store/open-database';
import type { Metrics } from './create-metrics';

export function registerOutboxGauge(metrics: Metrics, db: Db): Gauge<'host' | 'state'> {
  let stmt: { all(): unknown[] } | null = null;
  return new Gauge({
    name: 'complaint_desk_outbox_calls',
    help: 'Host calls in the durable outbox by host and state (pending, retrying = pending after a failed attempt, parked = failed for good)',
    labelNames: ['host', 'state'],
    registers: [metrics.registry],
    collect() {
      this.reset();
      if (!db.open) return;
      stmt ??= db.prepare(`SELECT host,
          SUM(state = 'pending') AS pending, SUM(state = 'pending' AND attempts > 0) AS retrying, SUM(state = 'parked') AS parked
        FROM outbox WHERE state <> 'done' GROUP BY host`);
      for (const r of stmt.all() as { host: string; pending: number; retrying: number; parked: number }[]) {
        this.set({ host: r.host, state: 'pending' }, r.pending);
        this.set({ host: r.host, state: 'retrying' }, r.retrying);
        this.set({ host: r.host, state: 'parked' }, r.parked);
      }
    },
  });
}
