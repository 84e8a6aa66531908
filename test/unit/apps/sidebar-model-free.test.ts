/**
 * The sidebar never attaches a learned model (it classifies locally with rules only), so it must not
 * ship the model's code: the n-gram hashing, the combiner, nor the phrase finder that names the
 * customer's words behind a model feature (feature-phrase.ts, registered by attach-model.ts), nor the model's
 * part of the why (explain-classification.ts `explain`, reached through attach-model.ts). Bytes
 * there count against the 40 KB gz limit of the Freshdesk sidebar.
 */
import { bundleSidebar } from '../../../apps/build/bundle-sidebar.mjs';
import { ROOT } from './built-apps';

let bundles: Record<string, { js: string; css: string }>;
beforeAll(async () => {
  bundles = (await bundleSidebar(ROOT)).bundles;
}, 60_000);

test.each(['zendesk', 'freshdesk', 'sandbox'])('the %s sidebar bundle carries no learned-model code', (name) => {
  const js = bundles[name].js;
  expect(js.length).toBeGreaterThan(10_000);
  // The engine's rule layer is there (classify runs in the browser)...
  expect(js).toContain('Script=Han');
  // ...but not the phrase finder's ASCII tokenizer, nor the model's FNV hashing.
  expect(js).not.toContain("/[a-z0-9][a-z0-9']*/gi");
  expect(js).not.toContain('Math.imul');
  // ...nor the sentences that explain a model's opinion and its disagreements with the rules (classify writes
  // the rules' why alone when no model is attached: explainRules).
  expect(js).not.toContain('modelOpinion');
  expect(js).not.toContain('"disagreement"');
});
