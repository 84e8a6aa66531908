/**
 * Scores a labelled evaluation per group of tickets, so an admin sees per source how well each part
 * of a corpus is classified (and we see the part written like the held-out split). A ticket's
 * **source** is its id without the trailing number (`t-en-0042` → `t-en`, `r16cn-0007` → `r16cn`);
 * its **family** is the source's leading letters up to the first dash or run of digits (`t-en` and
 * `t-hard` → `t-`; `r16en` and `r16cn` → `r16`). Named groups (`round6=^r1[6-9]`) are matched
 * against the whole id. Pure.
 */
import type { Classification } from '../types';
import { evaluate } from './evaluate';
import type { LabelledTicket } from './train-model';

export interface GroupScore {
  n: number;
  category: number;
  severity: number;
  signalMacroF1: number;
  l1: { found: number; total: number };
  safetyMissed: number;
  /** Tickets that came out with the safety signal without expecting it. */
  falseSafety: number;
}

export interface GroupReport {
  families: Record<string, GroupScore>;
  sources: Record<string, GroupScore>;
  named: Record<string, GroupScore>;
}

export interface NamedGroup {
  name: string;
  pattern: RegExp;
}

export function sourceOf(id: string): string {
  return id.replace(/[-_.]?\d+$/, '') || id;
}

export function familyOf(id: string): string {
  const source = sourceOf(id);
  const m = /^[A-Za-z]+(?:\d+|-)/.exec(source);
  return m ? m[0] : source;
}

/**
 * Parses `NAME=REGEX` pairs separated by `;` (the `--group` option). Returns an error message for
 * a pair without a name or with an invalid regular expression.
 */
export function parseNamedGroups(spec: string): { groups: NamedGroup[] } | { error: string } {
  const groups: NamedGroup[] = [];
  for (const part of spec.split(';').filter((p) => p.trim())) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim() : '';
    if (!name) return { error: `--group: "${part}" is not NAME=REGEX (e.g. round6=^r1[6-9])` };
    try {
      groups.push({ name, pattern: new RegExp(part.slice(eq + 1)) });
    } catch (e) {
      return { error: `--group ${name}: ${(e as Error).message}` };
    }
  }
  return { groups };
}

export function scoreGroup(items: { ticket: LabelledTicket; got: Classification }[]): GroupScore {
  const r = evaluate(items);
  return {
    n: r.n,
    category: r.category,
    severity: r.severity,
    signalMacroF1: r.signalMacroF1,
    l1: { found: r.l1.found, total: r.l1.total },
    safetyMissed: r.safetyMissed.length,
    falseSafety: r.signals.safety.fp,
  };
}

export function evaluateByGroup(items: { ticket: LabelledTicket; got: Classification }[], named: NamedGroup[] = []): GroupReport {
  const by = (key: (id: string) => string) => {
    const groups = new Map<string, typeof items>();
    for (const item of items) {
      const k = key(item.ticket.id);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return Object.fromEntries([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, scoreGroup(v)]));
  };
  const namedScores: Record<string, GroupScore> = {};
  for (const g of named) {
    const members = items.filter((i) => g.pattern.test(i.ticket.id));
    if (members.length) namedScores[g.name] = scoreGroup(members);
  }
  return { families: by(familyOf), sources: by(sourceOf), named: namedScores };
}

const fmt = (x: number) => x.toFixed(3);

/** A table of scores under a heading (`per group`, `per file`): one line per [name, score], names in a column wide enough for all. */
export function formatScoreTable(heading: string, rows: [string, GroupScore][]): string {
  const width = Math.max(16, ...rows.map(([name]) => name.length + 1));
  const out = ['', `${heading.padEnd(width + 6)}n  category  severity  signal-F1  L1 found  safety missed  false safety`];
  for (const [name, s] of rows)
    out.push(
      `  ${name.padEnd(width)}${String(s.n).padStart(5)}  ${fmt(s.category).padStart(8)}  ${fmt(s.severity).padStart(8)}  ${fmt(s.signalMacroF1).padStart(9)}  ${`${s.l1.found}/${s.l1.total}`.padStart(8)}  ${String(s.safetyMissed).padStart(13)}  ${String(s.falseSafety).padStart(12)}`,
    );
  return `${out.join('\n')}\n`;
}

/** A table: one line per named group, family and (when a family has several) source. */
export function formatGroupReport(g: GroupReport): string {
  const rows: [string, GroupScore][] = Object.entries(g.named);
  for (const [family, s] of Object.entries(g.families)) {
    rows.push([family, s]);
    const sources = Object.entries(g.sources).filter(([src]) => familyOf(src + '-0') === family);
    if (sources.length > 1) for (const [src, t] of sources) rows.push([`  ${src}`, t]);
  }
  return formatScoreTable('per group', rows);
}
