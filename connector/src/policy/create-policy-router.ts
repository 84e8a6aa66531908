/** GET /api/v1/policy: the active policy (its phrases widened to both scripts, served-policy.ts) with a strong ETag (304 on If-None-Match) and its version. */
import { Router, type RequestHandler } from 'express';
import { appParam } from '../auth/require-app-auth';
import type { PolicyStore } from './create-policy-store';
import { servedPolicyJson } from './served-policy';

export function createPolicyRouter(store: PolicyStore, auth: RequestHandler): Router {
  const router = Router();
  router.get('/api/v1/policy', auth, (req, res) => {
    const p = store.current();
    res.set('ETag', p.etag).set('Cache-Control', 'no-cache').set('X-Policy-Version', p.version);
    // If-None-Match, or `cd_etag` from a Freshworks request template (context cannot fill a header there).
    const inm = appParam(req, 'etag');
    if (
      inm &&
      inm
        .split(',')
        .map((s) => s.trim().replace(/^W\//, ''))
        .includes(p.etag)
    )
      return res.status(304).end();
    res.type('application/json').send(servedPolicyJson(p.policy));
  });
  return router;
}
