/**
 * `npm run bench [-- name …]`: runs the benchmarks (all, or the named ones) and prints one table.
 * Each bench module exports `run(): Promise<BenchRow[]>` and measures its baselines in the same run.
 * Add a bench: import it below and add it to BENCHES.
 */
import { printTable, type BenchRow } from './print-table';
import { run as runClassify } from './classify';
import { run as runModelLoad } from './model-load';
import { run as runRuleCosts } from './rule-costs';
import { run as runPhraseLimit } from './phrase-limit';
import { run as runIngest } from './ingest';
import { run as runSidebar } from './sidebar';
import { run as runFreshdeskCalls } from './freshdesk-calls';
import { run as runHostCalls } from './host-calls';
import { run as runBusinessTime } from './business-time';
import { run as runHostIsolation } from './host-isolation';
import { run as runDashboard } from './dashboard';
import { run as runStore, runWorkerIfForked } from './store';
import { run as runReconcile } from './reconcile';
import { run as runRetrain } from './retrain';
import { run as runScale } from './scale';
import { run as runWake } from './wake';

type Bench = { name: string; describe: string; run: () => Promise<BenchRow[]> };

const BENCHES: Bench[] = [
  // (bench modules register here)
  {
    name: 'business-time',
    describe:
      'business-time add/elapsed on a 1 h / 100 h / 10 000 h grid vs dayjs-business-time and moment-business-time (same calendar, answers cross-checked)',
    run: runBusinessTime,
  },
  {
    name: 'sidebar',
    describe: 'host app JS+CSS sizes (raw, gzip) and ticket data → complete render in headless Chromium',
    run: runSidebar,
  },
  {
    name: 'freshdesk-calls',
    describe:
      'Freshworks request-method calls per ticket open of the built Freshdesk sidebar (one instance, app.activated per ticket) vs fetching the policy on every open',
    run: runFreshdeskCalls,
  },
  {
    name: 'classify',
    describe: 'classification throughput over the CFPB corpus and the Chinese training tickets vs a naive per-rule-regex classifier',
    run: runClassify,
  },
  {
    name: 'model-load',
    describe:
      "a fresh process's CPU and peak memory to its first classification with the learned model vs the same policy without one (cold and warm cache)",
    run: runModelLoad,
  },
  {
    name: 'rule-costs',
    describe:
      "the rule layer's regexes over the CFPB corpus (the pattern prefilter, the phrase regexes, each pattern alone) and the pattern scan on the Chinese training tickets, compiled vs one combined regex (same run)",
    run: runRuleCosts,
  },
  {
    name: 'phrase-limit',
    describe: 'what phrase lists cost (validate, compile on server and sidebar, regex size, throughput) to set the schema limits',
    run: runPhraseLimit,
  },
  {
    name: 'host-calls',
    describe: 'host calls per processed event over a mixed workload vs a naive one-call-per-action strategy',
    run: runHostCalls,
  },
  {
    name: 'host-isolation',
    describe: 'p99 ack → Zendesk write while the Freshdesk API is down vs both hosts healthy (real connector, hosts on 127.0.0.1)',
    run: runHostIsolation,
  },
  {
    name: 'dashboard',
    describe: 'admin dashboard KPIs from stored facts (30-day window) at 10 k / 100 k / 1 M tickets vs re-evaluating every ticket',
    run: runDashboard,
  },
  {
    name: 'store',
    describe: 'events/s through the Store (claim, lease check, decision, done) on SQLite vs PostgreSQL with 1 and 3 claimers',
    run: runStore,
  },
  {
    name: 'reconcile',
    describe: 'host API calls per reconciled ticket (missed webhooks recovered) vs re-reading every listed ticket',
    run: runReconcile,
  },
  {
    name: 'retrain',
    describe: 'admin retrain on the full corpus: training time, artifact size, event-loop delay with the worker thread vs training inline',
    run: runRetrain,
  },
  {
    name: 'scale',
    describe:
      'several connectors on one PostgreSQL: ingest req/s and p99 on PostgreSQL vs SQLite vs bare Express; events/s for 1 vs 3 replicas; takeover after a SIGKILL',
    run: runScale,
  },
  {
    name: 'wake',
    describe: 'ack on one replica → processed on an idle other replica (PostgreSQL): NOTIFY/LISTEN vs the 1 s poll before',
    run: runWake,
  },
  {
    name: 'ingest',
    describe: 'signed webhook ack (durable SQLite write) vs a bare Express 5 handler, autocannon on loopback',
    run: runIngest,
  },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
  if (unknown.length) {
    process.stderr.write(`unknown bench: ${unknown.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    process.exit(2);
  }
  const rows: BenchRow[] = [];
  for (const b of BENCHES.filter((x) => wanted.length === 0 || wanted.includes(x.name))) {
    process.stderr.write(`bench ${b.name}: ${b.describe}…\n`);
    rows.push(...(await b.run()));
  }
  printTable(rows);
}

runWorkerIfForked()
  .then((isWorker) => (isWorker ? undefined : main()))
  .catch((e) => {
    process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
    process.exit(1);
  });
