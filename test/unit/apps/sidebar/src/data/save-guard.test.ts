import { guardReason } from '../../../../../../apps/sidebar/src/data/save-guard';
import { translator } from '../../../../../../apps/sidebar/src/i18n/translate';

const t = translator('en');

test('only the malicious tag is guarded', () => {
  expect(guardReason(['vip'], { maliciousTag: 'cd_malicious', evidence: null }, t)).toBeNull();
  expect(guardReason(['cd_malicious'], { maliciousTag: null, evidence: null }, t)).toBeNull();
});

test('incomplete evidence blocks with what is missing; complete evidence allows', () => {
  const r = guardReason(
    ['cd_malicious'],
    { maliciousTag: 'cd_malicious', evidence: { complete: false, missing: ['Supervisor review', 'Call recording'] } },
    t,
  );
  expect(r).toContain('cd_malicious');
  expect(r).toContain('Supervisor review; Call recording');
  expect(guardReason(['cd_malicious'], { maliciousTag: 'cd_malicious', evidence: { complete: true, missing: [] } }, t)).toBeNull();
});

test('unknown evidence (connector unreachable) blocks, in the agent locale', () => {
  expect(guardReason(['cd_malicious'], { maliciousTag: 'cd_malicious', evidence: null }, translator('zh-CN'))).toContain('连接器不可用');
});
