/** The rule severity and the rules left once the model vetoed a kept signal (vetoed-severity.ts). */
import { rulesWithout, severityWithout } from '../../../../../policies/src/engine/vetoed-severity';
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

describe('rulesWithout', () => {
  const policy = loadPolicy();

  it('leaves out the rules that set a vetoed signal, keeps the others in their order (what the severity head rereads)', () => {
    const matched = ['unusable_en', 'safety_smoke_en', 'still_usable_en', 'safety_fire_en'];
    expect(rulesWithout(policy, matched, ['safety'])).toEqual(['unusable_en', 'still_usable_en']);
    expect(rulesWithout(policy, matched, [])).toEqual(matched);
    expect(rulesWithout(policy, ['no_such_rule'], ['safety'])).toEqual(['no_such_rule']);
  });
});
