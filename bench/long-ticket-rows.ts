/**
 * What a very long ticket costs (a connector takes webhooks of up to 1 MB): 500 KB of alternating cue and match
 * words against 500 KB of ordinary text (the CFPB narratives joined), ms per ticket with the default rules, best of
 * three. "Thanks,\nParalegal" is a sign-off and a threat word in its signature (the `closing` cue); "no smoke" a
 * negation and a hazard word (a `before` cue). Until round 42 each match read every cue hit of its field, and 570 KB
 * of "no smoke" took a minute of one core. With the learned layer, quoted replies and signatures are left out of the
 * model's n-grams and the whole text is read a second time for the review hints (own-words.ts, whole-reading.ts):
 * 500 KB of them against the same ordinary text, both with the model.
 */
import { classify } from '../policies/src/engine';
import type { Policy, Ticket } from '../policies/src/types';
import type { BenchRow } from './print-table';

const SIZE = 500_000;

function repeatTo(unit: string): string {
  return unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
}

function bestMs(ticket: Ticket, policy: Policy): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    classify(ticket, policy);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/**
 * `rules`: the default policy prepared without a model; `model`: with it; `corpus`: ordinary tickets whose text is
 * joined for the baselines.
 */
export function longTicketRows(rules: Policy, model: Policy, corpus: readonly Ticket[]): BenchRow[] {
  const ordinary = repeatTo(corpus.map((t) => t.description).join('\n\n'));
  const ticket = (id: string, description: string): Ticket => ({ id, subject: 'Order 4471', description });
  const base = bestMs(ticket('ordinary', ordinary), rules);
  const baseline = `${SIZE / 1000} KB of CFPB narratives`;
  return [
    { bench: 'classify', subject: `one ticket, ${baseline}`, metric: 'time', value: base, unit: 'ms' },
    ...[
      ['sign-offs and threat words in signatures ("Thanks,\\nParalegal")', 'Thanks,\nParalegal\n'],
      ['negated hazard words ("no smoke")', 'no smoke\n'],
      ['footer blocks and threat words ("Acme Ltd\\nPress Office\\nRegistered office: …")', FOOTER],
    ].map(([what, unit]): BenchRow => {
      const value = bestMs(ticket(what, repeatTo(unit)), rules);
      return {
        bench: 'classify',
        subject: `one ticket, ${SIZE / 1000} KB of ${what}`,
        metric: 'time',
        value,
        unit: 'ms',
        baseline,
        ratio: value / base,
      };
    }),
    ...modelRows(model, ticket(`ordinary`, ordinary)),
  ];
}

/** A footer block with threat words, each its own paragraph (footer-spans.ts finds each once). */
const FOOTER = '\nAcme Ltd\nPress Office\nRegistered office: 1 Court St\n';

/** The learned layer on 500 KB of quoted replies and signatures, and of footer blocks, against 500 KB of ordinary text. */
function modelRows(model: Policy, ordinary: Ticket): BenchRow[] {
  const base = bestMs(ordinary, model);
  const baseline = `${SIZE / 1000} KB of CFPB narratives, rules + learned layer`;
  const quoted = repeatTo('Thanks,\nTom\nParalegal\n> On Monday you wrote:\n> we received your message about the kettle\n');
  return [
    { bench: 'classify', subject: `one ticket, ${baseline}`, metric: 'time', value: base, unit: 'ms' },
    ...[
      ['quoted replies and signatures', quoted],
      ['footer blocks', repeatTo(FOOTER)],
    ].map(([what, description]): BenchRow => {
      const value = bestMs({ ...ordinary, id: what, description }, model);
      return {
        bench: 'classify',
        subject: `one ticket, ${SIZE / 1000} KB of ${what}, rules + learned layer`,
        metric: 'time',
        value,
        unit: 'ms',
        baseline,
        ratio: value / base,
      };
    }),
  ];
}
