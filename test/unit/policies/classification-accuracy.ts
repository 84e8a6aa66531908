/** Accuracy of a classifier over labelled tickets: per field, L1 recall, and the misses. */
import type { Classification, Ticket } from '../../../policies/src/types';

export interface LabelledTicket extends Ticket {
  expected: { category: string; severity: string; signals: string[] };
}

export interface Accuracy {
  n: number;
  category: number;
  severity: number;
  signals: number;
  all: number;
  l1Recall: number;
  l1: number;
  misses: string[];
}

export function accuracy(tickets: LabelledTicket[], run: (t: Ticket) => Classification): Accuracy {
  let cat = 0,
    sev = 0,
    sig = 0,
    all = 0,
    l1 = 0,
    l1Hit = 0;
  const misses: string[] = [];
  for (const t of tickets) {
    const c = run(t);
    const okC = c.category === t.expected.category;
    const okS = c.severity === t.expected.severity;
    const okG = [...c.signals].sort().join() === [...t.expected.signals].sort().join();
    cat += +okC;
    sev += +okS;
    sig += +okG;
    all += +(okC && okS && okG);
    if (t.expected.severity === 'L1') {
      l1++;
      if (c.severity === 'L1') l1Hit++;
    }
    if (!(okC && okS && okG))
      misses.push(
        `${t.id}: got ${c.category}/${c.severity}/[${c.signals}] expected ${t.expected.category}/${t.expected.severity}/[${t.expected.signals}]`,
      );
  }
  const n = tickets.length;
  return { n, category: cat / n, severity: sev / n, signals: sig / n, all: all / n, l1Recall: l1 ? l1Hit / l1 : 1, l1, misses };
}

export function formatAccuracy(a: Accuracy): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`.padStart(8);
  const rows = [
    ['category', pct(a.category)],
    ['severity', pct(a.severity)],
    ['signals', pct(a.signals)],
    ['all three', pct(a.all)],
    [`L1 recall (${a.l1})`, pct(a.l1Recall)],
  ];
  return [...rows.map(([k, v]) => `  ${k.padEnd(16)}${v}`), ...a.misses.map((m) => `  miss ${m}`)].join('\n');
}
