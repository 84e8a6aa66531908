/**
 * The ASCII view of non-ASCII text (policies/server/ascii-view.ts): the ASCII phrase regexes (`gi`) run
 * over it must find exactly what the same keys' `giu` regexes (Unicode word look-before) find in the text.
 */
import { asciiView, viewFitsKeys } from '../../../../policies/server/ascii-view';
import { compileRules, usePatternIndexes } from '../../../../policies/src/engine/compile-rules';
import { scanField } from '../../../../policies/src/engine/scan-field';
import { buildPhraseRegexes, isWordChar } from '../../../../policies/src/engine/phrase-regex';
import { expandScripts } from '../../../../policies/server/expand-scripts';
import { patternIndexes } from '../../../../policies/server/pattern-indexes';
import { loadPolicy } from '../../../support/test-policy';
import { policyWith, type RuleIn } from '../src/engine/classify-kit';

/** Every match start and length, stepping one code point after each start (as scan-field does). */
function matches(re: RegExp, scanned: string, text: string): [number, number][] {
  const out: [number, number][] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(scanned)) !== null) {
    out.push([m.index, m[0].length]);
    const c = text.codePointAt(m.index)!;
    re.lastIndex = m.index + (c > 0xffff ? 2 : 1);
  }
  return out;
}

describe('asciiView', () => {
  it('keeps length and ASCII, and is all ASCII', () => {
    const text = 'Plug 冒烟了 café 😀 x\ud800y\udc00 ſ\u212a\u3000end';
    const v = asciiView(text);
    expect(v.length).toBe(text.length);
    expect(/^[\x00-\x7f]*$/.test(v)).toBe(true);
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x80) expect(v[i]).toBe(text[i]);
    expect(v).toBe('Plug \0\0\0 caf_ \0\0 x\0y\0 sk end');
  });

  it('classes every non-ASCII BMP unit as the Unicode look-before and `\\s` see it', () => {
    for (let c = 0x80; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const v = asciiView(ch);
      if (c === 0x17f || c === 0x212a) continue;
      const want = c >= 0xd800 && c <= 0xdfff ? '\0' : /\s/u.test(ch) ? ' ' : isWordChar(ch) ? '_' : '\0';
      if (v !== want) throw new Error(`U+${c.toString(16)}: ${JSON.stringify(v)} not ${JSON.stringify(want)}`);
    }
  });

  it('"ſ" and the Kelvin sign are the only non-ASCII BMP characters `iu` matches to an ASCII letter', () => {
    const folds: number[] = [];
    const letter = /^[a-z0-9]$/iu;
    for (let c = 0x80; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) if (letter.test(String.fromCharCode(c))) folds.push(c);
    expect(folds).toEqual([0x17f, 0x212a]);
    expect(asciiView('ſ\u212a')).toBe('sk');
  });

  it('classes a surrogate pair as its code point, at the trail', () => {
    expect(asciiView('𐐀')).toBe('\0_'); // Deseret letter: a word character
    expect(asciiView('𠀀')).toBe('\0\0'); // CJK extension B: Han, not a word character
    expect(asciiView('😀')).toBe('\0\0');
    expect(asciiView('\udc00\ud800')).toBe('\0\0'); // lone surrogates
  });

  it('refuses keys holding the characters it stands in for others', () => {
    expect(viewFitsKeys(['smoke', 'catch fire'])).toBe(true);
    expect(viewFitsKeys(['wi_fi'])).toBe(false);
    expect(viewFitsKeys(['a\u0000b'])).toBe(false);
  });
});

describe('the default policy: ASCII phrase regexes on the view = `giu` regexes of the same keys on the text', () => {
  const c = compileRules(expandScripts(loadPolicy()));
  const asciiKeys = [...c.byKey.keys()].filter((k) => /^[\x00-\x7f]*$/.test(k));
  const unicode = buildPhraseRegexes(asciiKeys, 'giu');
  const fillers = [
    '',
    ' ',
    '冒烟',
    '煙',
    'é',
    'ſ',
    '\u212a',
    '_',
    '9',
    'x',
    '😀',
    '𐐀',
    '𠀀',
    '\u3000',
    '\u00a0',
    '\u0301',
    '\ud800',
    '\udc00',
    '。',
    '-',
  ];
  const keys = asciiKeys.filter((_, i) => i % 7 === 0);
  const texts: string[] = [
    '插头smoke了，plug sparked 兩次。我已經call過customer service三次',
    '佢話個charger overheated 咗，burn mark 喺度',
    'Ça a pris feu — the battery caught  fire\u3000again; café smoke naïvesmoke',
  ];
  for (let i = 0; i < keys.length; i++) {
    const a = fillers[i % fillers.length];
    const b = fillers[(i * 3 + 1) % fillers.length];
    const key = i % 2 ? keys[i].toUpperCase() : keys[i].replace(/ /g, i % 3 ? '\u3000' : '  ');
    texts.push(`${a}${key}${b}冒烟${key.slice(0, -1)}${a}`);
  }

  it('has the view registered and the `giu` regexes hold no ASCII key', () => {
    expect(c.asciiView).not.toBeNull();
    for (const re of c.phraseRes) for (const k of asciiKeys.slice(0, 200)) expect(re.source.startsWith(k)).toBe(false);
  });

  it('finds the same match starts and lengths on text in every script', () => {
    expect(texts.length).toBeGreaterThan(400);
    let found = 0;
    for (const text of texts) {
      const view = asciiView(text);
      const want = unicode.flatMap((re) => matches(re, text, text)).sort((x, y) => x[0] - y[0]);
      const got = c.asciiPhraseRes.flatMap((re) => matches(re, view, text)).sort((x, y) => x[0] - y[0]);
      expect(got).toEqual(want);
      found += want.length;
    }
    expect(found).toBeGreaterThan(400);
  });
});

describe('scanField with the view = without it (one `giu` scan over every key)', () => {
  // ASCII keys that are prefixes of non-ASCII ones ("po" / "po网", "can" / "can’t"), cues and `unless`
  // phrases of both kinds: the same hits, cancellations, retractions and cues in the same order.
  const media: RuleIn = {
    id: 'media',
    phrases: ['po', 'po网', 'po 上网', 'post it', '曝光'],
    unless: ['po文'],
    weight: 2,
    sets: { category: 'service', severity: 'L2', signals: ['media'] },
  };
  const smoke: RuleIn = {
    id: 'smoke',
    phrases: ['smoke', '冒烟', 'can’t breathe'],
    weight: 3,
    sets: { category: 'quality', severity: 'L1', signals: ['safety'] },
  };
  const cues = [
    { id: 'neg', kind: 'negation', position: 'before', windowChars: 30, phrases: ['no', 'can', 'can’t', '没有'], signals: ['safety'] },
    { id: 'hyp', kind: 'hypothetical', position: 'before', windowChars: 30, phrases: ['if', 'can', '如果'], signals: ['safety', 'media'] },
  ];
  usePatternIndexes(null);
  const without = compileRules(policyWith([media, smoke], { cues: cues as any }));
  usePatternIndexes(patternIndexes);
  const withView = compileRules(policyWith([media, smoke], { cues: cues as any }));

  it('compiles the two forms differently', () => {
    expect(without.asciiView).toBeNull();
    expect(withView.asciiView).not.toBeNull();
    expect(withView.phraseRes.map((r) => r.source).join('')).not.toContain('smoke');
  });

  it('finds the same on mixed text', () => {
    const texts = [
      '我要po网曝光，can’t believe it, if you po 上网 I will post it',
      '插头冒烟了 no smoke? 我po文说了 PO網 po\u3000上网 caféno smoke 😀smoke',
      '如果冒烟 can smoke 𐐀smoke ſmoke \u212aan’t 没有冒烟 poſt it',
      'can’t breathe 冒烟，if smoke。no冒烟 po po',
      '冒烟 post\u2028it 曝光 post\u1680it', // NFKC keeps these spaces: hit texts come from the text, not the view
    ];
    let hits = 0;
    for (const t of texts) {
      const a = scanField(without, t);
      expect(scanField(withView, t)).toEqual(a);
      hits += a.hits.length + a.cued.length;
    }
    expect(hits).toBeGreaterThan(10);
  });
});
