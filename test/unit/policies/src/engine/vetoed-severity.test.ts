/** The rule severity left once the model vetoed a kept signal (vetoed-severity.ts). */
import { severityWithout } from '../../../../../policies/src/engine/vetoed-severity';
import { loadPolicy } from '../../../../support/test-policy';

describe('severityWithout', () => {
  const policy = loadPolicy();
  const ids = new Set(policy.classification.rules.map((r) => r.id));

  it('drops the severity of the rules that set a vetoed signal and keeps the others', () => {
    expect(ids.has('safety_smoke_en') && ids.has('unusable_en') && ids.has('still_usable_en')).toBe(true);
    expect(severityWithout(policy, ['safety_smoke_en'], ['safety'])).toBeNull();
    expect(severityWithout(policy, ['safety_smoke_en', 'still_usable_en'], ['safety'])).toBe('L2');
    expect(severityWithout(policy, ['safety_smoke_en', 'unusable_en', 'still_usable_en'], ['safety'])).toBe('L1');
  });

  it('with nothing vetoed, the most severe matched rule severity; unknown ids are ignored', () => {
    expect(severityWithout(policy, ['safety_smoke_en', 'still_usable_en'], [])).toBe('L1');
    expect(severityWithout(policy, ['no_such_rule'], [])).toBeNull();
  });
});
