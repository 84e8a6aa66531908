import { classify } from '../../../../policies/src/engine';
import { expandScripts } from '../../../../policies/server/expand-scripts';
import { holdExclusions } from '../../../../policies/server/hold-exclusions';
import { loadPolicy } from '../../../support/test-policy';

function withPattern(pattern: string) {
  return expandScripts(
    loadPolicy((p) => {
      p.classification.rules.unshift({ id: 'count_zh', patterns: [pattern], sets: { signals: ['repeat_contact'] } });
    }),
  );
}

const hits = (policy: ReturnType<typeof withPattern>, description: string) =>
  classify({ id: 't', subject: '', description }, policy).matches.some((m) => m.ruleId === 'count_zh');

describe('holdExclusions: what a pattern excludes holds in every script once widened', () => {
  it('a negative lookahead written in one script excludes the other script too', () => {
    const policy = withPattern('第二次(?!发生)');
    expect(hits(policy, '这是第二次发生了')).toBe(false);
    expect(hits(policy, '這是第二次發生了')).toBe(false);
    expect(hits(policy, '这是第二次打电话')).toBe(true);
    expect(hits(policy, '這是第二次打電話')).toBe(true);
  });

  it('a lookahead listing both scripts keeps both in each widened form', () => {
    const policy = withPattern('第二次(?!失败|失敗)');
    expect(hits(policy, '第二次失败')).toBe(false);
    expect(hits(policy, '第二次失敗')).toBe(false);
  });

  it('a negated class excludes each member in every script', () => {
    const policy = withPattern('催[^钱]{0,3}次');
    expect(hits(policy, '催錢兩次')).toBe(false);
    expect(hits(policy, '催钱两次')).toBe(false);
    expect(hits(policy, '催了两次')).toBe(true);
  });

  it('leaves sources without Chinese, escapes and the any-character class as written', () => {
    expect(holdExclusions('\\bcalled(?!\\s+off)')).toBe('\\bcalled(?!\\s+off)');
    expect(holdExclusions('灶[^]{0,6}?漏')).toBe('灶[^]{0,6}?漏');
    expect(holdExclusions('第\\u4e8c次(?!用)')).toBe('第\\u4e8c次(?!用)');
  });

  it('adds the other script as escapes, so converting the whole pattern keeps them', () => {
    expect(holdExclusions('次(?!发生)')).toBe('次(?!发生|\\u53d1生|\\u767c生)');
    expect(new RegExp(holdExclusions('次(?!发生)'), 'u').test('次發生')).toBe(false);
  });
});
