import { ngramPhrase, tokensOf } from '../../../../../policies/src/engine/feature-phrase';
import fs from 'node:fs';
import path from 'node:path';
import { stem, textFeatures } from '../../../../../policies/src/engine/text-features';

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
    // A feature is compared word by word, whole words only.
    expect(ngramPhrase('charg', text, t, fold)).toBeNull();
    expect(ngramPhrase('fire in 0000', text, t, fold)).toBe('fire in 2024');
    expect(ngramPhrase('caught fire ', text, t, fold)).toBeNull();
    expect(ngramPhrase('caught  fire', text, t, fold)).toBeNull();
    expect(ngramPhrase(' caught', text, t, fold)).toBeNull();
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

  it('looks a word up only where a token starts (find-ascii-phrase.ts), as the tokenizer reads it', () => {
    // Candidates inside a word, after an apostrophe within a token, a "y" the stem wrote, digits (the key "0").
    const ascii = "x'fire firefly ''fire lies Flies flies' ies FLY abc1 2nd don't TRY";
    const mixed = `${ascii} 冒煙`;
    for (const f of [
      'fire',
      'firefly',
      'fly',
      'ly',
      'fire lie',
      'lie',
      'fire firefly',
      'y',
      'abc0',
      '0nd',
      "don't tri",
      'try',
      'ie',
      "'fire",
      'fir',
    ]) {
      expect(ngramPhrase(f, ascii, tokensOf(ascii), fold)).toBe(ngramPhrase(f, mixed, tokensOf(mixed), fold));
    }
    expect(ngramPhrase('fire', ascii, tokensOf(ascii), fold)).toBe('fire');
    expect(ngramPhrase('fire lies', ascii, tokensOf(ascii), fold)).toBe('fire lies');
    expect(ngramPhrase('fly', ascii, tokensOf(ascii), fold)).toBe('Flies');
    expect(ngramPhrase('abc0', ascii, tokensOf(ascii), fold)).toBe('abc1');
  });

  it('finds the same words on ASCII text as the Unicode path, for every feature of 200 training texts', () => {
    // The ASCII path skips a token whose first character differs from the word's (the stem only drops
    // endings): a stemmer that changed a first character would make the two paths disagree here.
    const texts = fs
      .readFileSync(path.resolve(__dirname, '../../../../../policies/training/train.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => String(JSON.parse(l).description ?? ''))
      .filter((d) => /^[\x00-\x7f]*$/.test(d))
      .slice(0, 200);
    expect(texts.length).toBe(200);
    let found = 0;
    for (const ascii of texts) {
      const mixed = `${ascii} 冒煙`;
      const features = new Set<string>();
      textFeatures(ascii.toLowerCase(), fold, 3, 2, features);
      const a = tokensOf(ascii);
      const m = tokensOf(mixed);
      for (const f of features) {
        const phrase = ngramPhrase(f, ascii, a, fold);
        expect(phrase).toBe(ngramPhrase(f, mixed, m, fold));
        if (phrase !== null) found++;
      }
    }
    expect(found).toBeGreaterThan(1000);
  });
});

describe('Tokens on ASCII text (char-code scan)', () => {
  // The reference: the Unicode regex path every non-ASCII text takes, forced onto ASCII text.
  function reference(text: string) {
    const out: [number, number, string][] = [];
    for (const m of text.matchAll(/[\p{Script=Han}]+|[\p{L}\p{N}][\p{L}\p{N}'’]*/gu)) {
      const t = /^[a-z']*$/.test(m[0]) ? m[0] : m[0].toLowerCase().replace(/[0-9]/g, '0');
      out.push([m.index!, m.index! + m[0].length, stem(t)]);
    }
    return out;
  }
  /** The first `n` all-ASCII descriptions of the training corpus: real text for the tokenizer checks. */
  function asciiTrainingTexts(n: number): string[] {
    return fs
      .readFileSync(path.resolve(__dirname, '../../../../../policies/training/train.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => String(JSON.parse(l).description ?? ''))
      .filter((d) => /^[\x00-\x7f]*$/.test(d))
      .slice(0, n);
  }

  function tokens(text: string) {
    const t = tokensOf(text);
    const out: [number, number, string][] = [];
    for (let i = 0; t.has(i); i++) out.push([t.start[i], t.end[i], t.keyAt(i)!]);
    return out;
  }

  it("compares a token's key in place (asciiKeyIs) exactly as its key string (keyAt) compares", () => {
    const texts = [
      "Don't 'quote' me: A1b2 x''y, 3RD-time; it's the CUSTOMER'S fault!! order #12345 (ref ABC-99)",
      "Batteries DIED, replies tried; kids playing... boxes classes ies es s 's ss's PARTIES' cookies's",
      'sing ring bring wing king things tied dies lies flies, used fed red bed, goes does, yes his glass',
      ...asciiTrainingTexts(300),
    ];
    const wrong: unknown[] = [];
    let same = 0;
    for (const text of texts) {
      const t = tokensOf(text);
      expect(t.ascii).toBe(true);
      for (let i = 0; t.has(i); i++) {
        const key = t.keyAt(i)!;
        const raw = text.slice(t.start[i], t.end[i]).toLowerCase();
        const candidates = [
          key,
          `${key}y`,
          key.slice(0, -1),
          `${key}s`,
          `${key.slice(0, -1)}y`,
          `${key.slice(0, -1)}z`,
          raw,
          `${raw}x`,
          key.toUpperCase(),
          '',
        ];
        for (const c of candidates) {
          // The word inside a longer feature, as wordPhrase asks: feature[from, to).
          const feature = `ab ${c} cd`;
          const got = t.asciiKeyIs(i, feature, 3, 3 + c.length);
          if (got !== (key === c)) wrong.push({ text: text.slice(0, 40), token: raw, key, c, got });
          if (got) same++;
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(same).toBeGreaterThan(10_000);
  });

  it('gives the same spans and keys as the Unicode tokenizer', () => {
    const texts = [
      "Don't 'quote' me: A1b2 x''y, 3RD-time; it's the CUSTOMER'S fault!! order #12345 (ref ABC-99)",
      '  leading and trailing   ',
      "'''",
      '',
      'Batteries DIED, replies tried; kids playing... boxes classes',
      ...asciiTrainingTexts(300),
    ];
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(tokens(text)).toEqual(reference(text));
  });
});

describe('ngramPhrase on Han text (read in place unless a surrogate is involved)', () => {
  /** The reference: the text as an array of characters, each folded through the map (the former implementation). */
  function reference(feature: string, text: string, f: ReadonlyMap<string, string>): string | null {
    const want = Array.from(feature);
    const chars = Array.from(text);
    outer: for (let i = 0; i + want.length <= chars.length; i++) {
      for (let j = 0; j < want.length; j++) if ((f.get(chars[i + j]) ?? chars[i + j]) !== want[j]) continue outer;
      return chars.slice(i, i + want.length).join('');
    }
    return null;
  }
  // Folds to one unit, to a surrogate pair, to two characters and to nothing; a surrogate-pair key.
  const tricky = new Map([
    ['煙', '烟'],
    ['電', '电'],
    ['器', '𠀀'],
    ['機', '机器'],
    ['殼', ''],
    ['𠮶', '个'],
  ]);
  const TEXTS = [
    '充電器冒煙了，手機殼變形',
    '𠮶充電器冒煙 ok 冒烟',
    '电电電電 abc 電烟煙',
    '機器 机器 机',
    '殼殼',
    '',
    `${'電'.repeat(3000)}冒煙`,
    'mixed 中文 and 𠀀 emoji 🔥 冒煙',
  ];
  const FEATURES = ['冒烟', '电', '电器', '𠀀', '机器', '个充', '充电器', '烟了', '电电电', '手机', '', '殼', '冒煙'];

  it('finds the same span as folding an array of the characters, on surrogates, mixed scripts and long runs', () => {
    for (const folds of [tricky, fold, new Map<string, string>()]) {
      for (const text of TEXTS) {
        const t = tokensOf(text);
        for (const f of FEATURES) {
          if (!f || !/\p{Script=Han}/u.test(f[0] ?? '')) continue;
          expect([f, text.slice(0, 20), ngramPhrase(f, text, t, folds)]).toEqual([f, text.slice(0, 20), reference(f, text, folds)]);
        }
      }
    }
  });
});
