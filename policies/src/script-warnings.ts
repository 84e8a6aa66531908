/**
 * Scripts whose wording conditions do not match the cases they reach (`policy check` warnings):
 * - a variant that can never be chosen: an earlier variant of the same script fits every ticket it fits;
 * - a variant for signals that always make a ticket "suspect" on a script never shown in that stage;
 * - a script whose general wording speaks of the product (`{{product}}`) while tickets of a category reach it
 *   that another script words without the product (the policy already says that case is not about a product).
 */
import { CATEGORY_IDS, LOCALES, SCRIPT_STAGE_IDS, type CategoryId } from './ids';
import { fitsCase } from './engine/render-script';
import type { Policy } from './schema/policy';
import { formatPath } from './format-path';
import type { PolicyProblem } from './validate-policy';

type Script = Policy['scripts'][keyof Policy['scripts']];
type When = NonNullable<Script['variants']>[number]['when'];

/** Every ticket `b` fits, `a` fits too. */
function covers(a: When, b: When): boolean {
  const cats = !a.categories || (!!b.categories && b.categories.every((c) => a.categories!.includes(c)));
  const sigs = !a.signals || (!!b.signals && b.signals.every((s) => a.signals!.includes(s)));
  return cats && sigs;
}

const usesProduct = (t: Script['template']) => LOCALES.some((l) => /\{\{\s*product\s*\}\}/.test(t[l]));

export function scriptWarnings(policy: Policy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const suspect = new Set<string>(policy.evidence.suspectSignals);
  for (const id of SCRIPT_STAGE_IDS) {
    const sc = policy.scripts[id];
    (sc.variants ?? []).forEach((v, i) => {
      const path = formatPath(['scripts', id, 'variants', i, 'when']);
      const earlier = (sc.variants ?? []).slice(0, i).findIndex((e) => covers(e.when, v.when));
      if (earlier >= 0)
        out.push({
          path,
          message: `never used: variant ${earlier} fits every ticket this one fits`,
          hint: 'put the narrower variant first, or remove one of them',
        });
      const hidden = !sc.stages.includes('suspect') && !sc.stages.includes('solved');
      if (hidden && v.when.signals?.every((s) => suspect.has(s)))
        out.push({
          path,
          message: `never shown: tickets with ${v.when.signals.join(', ')} are in the "suspect" stage, which this script is not offered in`,
          hint: 'move the wording to a script offered in the "suspect" stage (e.g. malicious_calm), or drop the variant',
        });
    });
  }
  for (const category of CATEGORY_IDS) {
    const c = { category, signals: [] as string[] };
    // Another script words this category without the product: the policy says the case is not about a product.
    const without = SCRIPT_STAGE_IDS.find((id) =>
      (policy.scripts[id].variants ?? []).some(
        (v) => v.when.categories?.includes(category as CategoryId) && !v.when.signals && !usesProduct(v.template),
      ),
    );
    if (!without) continue;
    for (const id of SCRIPT_STAGE_IDS) {
      const sc = policy.scripts[id];
      if (sc.stages.every((s) => s === 'suspect') || !usesProduct(sc.template)) continue;
      if ((sc.variants ?? []).some((v) => fitsCase(v.when, c))) continue;
      out.push({
        path: formatPath(['scripts', id, 'template']),
        message: `"${category}" tickets get this general wording, which speaks of the product ({{product}}), while scripts.${without} words "${category}" without it`,
        hint: `add a variant {"when": {"categories": ["${category}"]}, "template": …} worded for that case`,
      });
    }
  }
  return out;
}
