/**
 * The policy as GET /api/v1/policy serves it to the sidebars: the document as written, with the classification the
 * connector's matcher compiles (lexiconOf: every Chinese phrase, `unless`, cue, clause starter and pattern widened on
 * the server into simplified, Taiwan and Hong Kong forms, expand-scripts.ts). The sidebar's offline view
 * (apps/sidebar/src/data/local-view.ts) classifies with it, so it matches traditional text as the connector does
 * without bundling the converter. The admin console reads the document as written (GET /admin/api/policy).
 * Serialised once per activated policy. The ETag stays the written document's SHA-256: the widening is a function of
 * it and of the connector's build.
 */
import { lexiconOf } from '../../../policies/src/engine/compile-rules';
import type { Policy } from '../../../policies/src/types';

const served = new WeakMap<Policy, string>();

export function servedPolicyJson(policy: Policy): string {
  let json = served.get(policy);
  if (json === undefined) {
    json = JSON.stringify({ ...policy, classification: lexiconOf(policy) });
    served.set(policy, json);
  }
  return json;
}
