import { ngramPhrase, tokensOf } from '../../../../../policies/src/engine/feature-phrase';
import { textFeatures } from '../../../../../policies/src/engine/text-features';

const fold = new Map([['煙', '烟']]);

describe('ngramPhrase', () => {
  it('finds the customer words behind word n-grams, as written', () => {
    const text = 'The CHARGER Sparked twice; it caught fire in 2024. Company’s reply: none. The batteries died.';
    const t = tokensOf(text);
    expect(ngramPhrase('charger spark', text, t, fold)).toBe('CHARGER Sparked');
    expect(ngramPhrase('caught fire', text, t, fold)).toBe('caught fire');
    expect(ngramPhrase('in 0000', text, t, fold)).toBe('in 2024');
    expect(ngramPhrase('battery', text, t, fold)).toBe('batteries');
    expect(ngramPhrase('no such', text, t, fold)).toBeNull();
  });

  it('reads ASCII and non-ASCII text the same way (the fast path changes nothing)', () => {
    const ascii = "Order 12345: the kettle's lid BROKE, it's leaking; I've asked 3 times.";
    const mixed = `${ascii} 冒煙了`;
    const features = new Set<string>();
    textFeatures(ascii.toLowerCase(), fold, 3, 2, features);
    for (const f of features) {
      expect(ngramPhrase(f, ascii, tokensOf(ascii), fold)).toBe(ngramPhrase(f, mixed, tokensOf(mixed), fold));
      expect(ngramPhrase(f, ascii, tokensOf(ascii), fold)).not.toBeNull();
    }
    expect(ngramPhrase('冒烟', mixed, tokensOf(mixed), fold)).toBe('冒煙');
  });
});
