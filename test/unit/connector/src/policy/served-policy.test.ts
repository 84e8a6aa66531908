import { servedPolicyJson } from '../../../../../connector/src/policy/served-policy';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { classify } from '../../../../../policies/src/engine';
import type { Policy } from '../../../../../policies/src/types';
import { loadPolicy } from '../../../../support/test-policy';

/** A traditional-Chinese ticket that only phrases written in simplified (外壳带电, 有点麻 in safety_electric_zh) match. */
const TICKET = { id: 'tw-1', subject: '洗衣機', description: '洗衣機外殼帶電，摸一下就有點麻', locale: 'zh-TW' };

describe('servedPolicyJson (GET /api/v1/policy, what the sidebars cache for their offline view)', () => {
  it('serves the classification the connector compiles, so the browser matches traditional text without the converter', () => {
    const written = loadPolicy();
    const raw = JSON.parse(JSON.stringify(written)) as Policy;
    const served = JSON.parse(servedPolicyJson(expandScripts(written))) as Policy;
    // The browser's engine compiles what it is given (no widening there): the written document misses the hazard.
    expect(classify(TICKET, raw).signals).not.toContain('safety');
    const offline = classify(TICKET, served);
    expect(offline.signals).toContain('safety');
    expect(offline.matches.filter((m) => m.ruleId === 'safety_electric_zh').map((m) => m.text)).toEqual(['外殼帶電', '有點麻']);
    // As the connector classifies it.
    expect(offline.signals).toEqual(classify(TICKET, written).signals);
  });

  it('leaves the rest of the document and the stored policy object as written, and serialises once', () => {
    const written = expandScripts(loadPolicy());
    const copy = JSON.parse(JSON.stringify(written));
    const json = servedPolicyJson(written);
    expect(servedPolicyJson(written)).toBe(json);
    expect(JSON.parse(JSON.stringify(written))).toEqual(copy);
    expect({ ...JSON.parse(json), classification: null }).toEqual({ ...copy, classification: null });
  });
});
