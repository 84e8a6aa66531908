/**
 * `npm run bench [-- name …]`: runs the benchmarks (all, or the named ones) and prints one table.
 * Each bench module exports `run(): Promise<BenchRow[]>` and measures its baselines in the same run.
 * Add a bench: import it below and add it to BENCHES.
 */
import { printTable, type BenchRow } from './print-table';

type Bench = { name: string; describe: string; run: () => Promise<BenchRow[]> };

const BENCHES: Bench[] = [
  // (bench modules register here)
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

main().catch((e) => {
  process.stderr.write(`bench failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
