/** Prints a bench table: one row per measurement, baselines named in the same table. */
export interface BenchRow {
  bench: string;
  subject: string;
  metric: string;
  value: number;
  unit: string;
  /** Name of the baseline measured in the same run, and this row's ratio to it. */
  baseline?: string;
  ratio?: number;
  target?: string;
  pass?: boolean;
}

export function printTable(rows: BenchRow[], out: (s: string) => void = (s) => process.stdout.write(s + '\n')): void {
  const head = ['bench', 'subject', 'metric', 'value', 'unit', 'vs baseline', 'ratio', 'target', 'ok'];
  const body = rows.map((r) => [
    r.bench,
    r.subject,
    r.metric,
    fmt(r.value),
    r.unit,
    r.baseline ?? '',
    r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 && i <= 6 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  out(line(head));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) out(line(b));
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
