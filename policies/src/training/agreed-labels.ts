/**
 * Label changes from blind second readings: a label changes only where two annotators (who read
 * domain.md and the ticket, never a model, the rules or the original label) chose the same value and it
 * differs from the original. Used for the held-out adjudication and for the training corrections of
 * round 7; never looks at a model's output. Pure.
 */
import { SIGNAL_IDS } from '../ids';

export interface Labels {
  category: string;
  severity: string;
  signals: readonly string[];
}

/** One annotator's reading of a ticket; `unsure` names fields (`category`, `severity`, `signals`) they were not sure of. */
export interface Annotation extends Labels {
  id: string;
  unsure?: readonly string[];
}

export interface LabelChange {
  id: string;
  field: string;
  from: string | boolean;
  to: string | boolean;
}

/**
 * The changes both annotations agree on against `original`, in id order, then category, severity and
 * each signal in SIGNAL_IDS order. With `skipUnsure`, a field either annotator marked unsure (`signals`
 * covers every signal) is left as it is.
 */
export function agreedLabelChanges(
  original: ReadonlyMap<string, Labels>,
  a: ReadonlyMap<string, Annotation>,
  b: ReadonlyMap<string, Annotation>,
  { skipUnsure = false }: { skipUnsure?: boolean } = {},
): LabelChange[] {
  const out: LabelChange[] = [];
  for (const id of [...a.keys()].filter((k) => b.has(k)).sort()) {
    const o = original.get(id);
    if (!o) throw new Error(`${id}: annotated but not in the original labels`);
    const [x, y] = [a.get(id)!, b.get(id)!];
    const unsure = (f: string) => skipUnsure && (x.unsure?.includes(f) || y.unsure?.includes(f));
    for (const f of ['category', 'severity'] as const)
      if (x[f] === y[f] && x[f] !== o[f] && !unsure(f)) out.push({ id, field: f, from: o[f], to: x[f] });
    if (unsure('signals')) continue;
    for (const s of SIGNAL_IDS) {
      const v = x.signals.includes(s);
      if (v === y.signals.includes(s) && v !== o.signals.includes(s)) out.push({ id, field: `signal:${s}`, from: !v, to: v });
    }
  }
  return out;
}
