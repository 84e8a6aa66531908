/**
 * Money amounts as model features (extortion = a grossly disproportionate demand tied to a
 * threat): amounts in digits, "k", Chinese numerals and 万/萬, found only next to a currency marker.
 */
import { amountFeatures, amountsOf, compileAmounts, parseNumber } from '../../../../../policies/src/engine/money-features';
import { loadPolicy } from '../../../../support/test-policy';

const c = compileAmounts({ before: ['$', '£', 'hk$'], after: ['dollars', '元', '块', '蚊'], ratio: 10, large: 10000 })!;

describe('money features', () => {
  it('parses digits and Chinese numerals', () => {
    expect(parseNumber('15,000')).toBe(15000);
    expect(parseNumber('2.5')).toBe(2.5);
    expect(parseNumber('八')).toBe(8);
    expect(parseNumber('十二')).toBe(12);
    expect(parseNumber('三千五百')).toBe(3500);
    expect(parseNumber('二十万')).toBe(200000);
    expect(parseNumber('abc')).toBeNaN();
  });

  it('finds amounts only beside a currency marker, with k / 万 / 萬 scales', () => {
    expect(amountsOf(c, 'paid $59, want $50,000 or 15k dollars; model 3000 has 2 ports')).toEqual([59, 50000, 15000]);
    expect(amountsOf(c, '800元的退款没下文，现在要八万元，再加1万块')).toEqual([800, 80000, 10000]);
    expect(amountsOf(c, 'HK$1,299 買嘅，要二十萬蚊')).toEqual([1299, 200000]);
    expect(amountsOf(c, 'no money here, 3 times, 2026')).toEqual([]);
    expect(amountsOf(c, 'the $5 kettle, $ 20 and 30 dollars, 40  DOLLARS')).toEqual([5, 20, 30, 40]);
  });

  it('a disproportionate or large amount is a feature, joined with each threat the rules found', () => {
    const out: string[] = [];
    amountFeatures(c, 'charged me $59 twice; pay $50,000 or my lawyer sues', ['legal'], out);
    expect(out).toEqual(['amount:large', 'amount:large+legal', 'amount:ratio', 'amount:ratio+legal']);
    const fair: string[] = [];
    amountFeatures(c, 'charged $59 twice, refund the $59 please', [], fair);
    expect(fair).toEqual([]);
    const none: string[] = [];
    amountFeatures(null, '$50,000', ['legal'], none);
    expect(none).toEqual([]);
  });

  it('the default policy names the currency markers', () => {
    const p = loadPolicy();
    const compiled = compileAmounts(p.classification.amounts)!;
    expect(amountsOf(compiled, 'I paid £120 and want 20,000 pounds, 赔我一万块')).toEqual([120, 20000, 10000]);
  });
});
