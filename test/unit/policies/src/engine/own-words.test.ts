import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { normalizeText } from '../../../../../policies/src/engine/normalize-text';
import { ownWords, ownWordsOfFields, ownWordsReader } from '../../../../../policies/src/engine/own-words';
import { policyWith, signatureCue, type RuleIn } from './classify-kit';

// What the model's n-grams read when its options say so: the sender's own words, without a quoted earlier message
// and without the signature after a sign-off. Rules still read every line (classify is not involved here).
const legal: RuleIn = { id: 'legal', phrases: ['lawyer'], sets: { signals: ['legal'] } };
const policy = policyWith([legal], { cues: [signatureCue] as any });
const cues = compileRules(policy).cues;
const sig = cues.find((c) => c.id === 'signature_not_threat')!;
const norm = (t: string) => normalizeText(t, compileRules(policy).replacer).text;
const read = (t: string, quoted = true, withSig = true) => ownWords(norm(t), quoted, withSig ? sig : null);

describe('ownWords: quoted lines', () => {
  it('drops "> " lines and the attribution line ending in a colon before them, keeping line breaks', () => {
    const t = 'The kettle leaks.\n\nOn 3 June, Shop <help@shop.example> wrote:\n> We have received your message.\n> Ticket 1187';
    expect(read(t, true, false)).toBe(norm('The kettle leaks.\n\n\n\n'));
  });

  it('keeps a line ending in a colon that no quote follows, and a ">" inside a line', () => {
    const t = 'Here is what happened:\nthe kettle leaks, price > 20 EUR';
    expect(read(t, true, false)).toBe(norm(t));
  });

  it('reads a full-width "＞" as a quote after normalisation', () => {
    expect(read('漏水了。\n在 5月20日 客服中心 写道：\n＞ 我们已收到您的来信', true, false)).toBe(norm('漏水了。\n\n'));
  });
});

describe('ownWords: signatures', () => {
  it('drops the lines after a sign-off that begins its line', () => {
    const t = 'The desk arrived cracked.\n\nKind regards,\nRachel Moore\nHead of Communications\nAcme Ltd';
    expect(read(t, false)).toBe(norm('The desk arrived cracked.\n\nKind regards,\n\n\n'));
    expect(read('桌腿裂了。\n此致\n张伟\n采购部主管', false)).toBe(norm('桌腿裂了。\n此致\n\n'));
  });

  it('stops at an until line and at a line where the sender speaks again', () => {
    expect(read('Cracked.\nThanks,\nTom\nP.S. the other leg too', false)).toBe(norm('Cracked.\nThanks,\n\nP.S. the other leg too'));
    expect(read('Cracked.\nThanks,\nTom\nMy lawyer has the photos.', false)).toBe(norm('Cracked.\nThanks,\n\nMy lawyer has the photos.'));
    expect(read('裂了。\n此致\n王先生\n不解决我会找媒体。', false)).toBe(norm('裂了。\n此致\n\n不解决我会找媒体。'));
  });

  it('opens nothing where the sign-off is not alone at its line start, or on the last line', () => {
    for (const t of ['The desk is fine, thanks\nRachel', 'Thanks for nothing at all, really, nothing.\nRachel', 'Cracked.\nThanks'])
      expect(read(t, false)).toBe(norm(t));
  });

  it('is the same string (no copy) when nothing is left out', () => {
    const t = norm('Cracked leg, please replace it.');
    expect(ownWords(t, true, sig)).toBe(t);
  });
});

describe('ownWordsReader and ownWordsOfFields', () => {
  it('reads nothing away unless the options ask; a signature set the policy lacks reads no signature', () => {
    expect(ownWordsReader(cues, {})).toBeNull();
    const quotedOnly = ownWordsReader(cues, { skipQuotedLines: true, skipSignatureOf: 'no_such_set' })!;
    expect(quotedOnly(norm('Cracked.\nThanks,\nTom\n'))).toBe(norm('Cracked.\nThanks,\nTom\n'));
    expect(ownWordsReader(cues, { skipSignatureOf: 'no_such_set' })).toBeNull();
  });

  it('ends a signature with its field: a later customer comment is read', () => {
    const own = ownWordsReader(cues, { skipSignatureOf: 'signature_not_threat' })!;
    const fields = [norm('Desk cracked'), norm('Cracked.\nThanks,\nTom'), norm('The other leg cracked too')];
    const joined = fields.map((f) => `${f}\n`).join('');
    // Read whole, the description's signature would run on into the comment.
    expect(own(joined)).not.toContain('other leg');
    expect(ownWordsOfFields(own, joined, () => fields)).toBe(`${fields[0]}\n${norm('Cracked.\nThanks,\n')}\n${fields[2]}\n`);
    // Nothing to leave out: the joined text itself, not a second reading.
    const plain = `${fields[0]}\n${fields[2]}\n`;
    expect(
      ownWordsOfFields(own, plain, () => {
        throw new Error('read again');
      }),
    ).toBe(plain);
  });
});

describe('ownWords on a long text', () => {
  // A webhook may carry a megabyte. Each search (sign-off, until, keepWith) must run a bounded number of times per
  // signature, not once for every pair of a signature and a later line.
  class Counted extends RegExp {
    static calls = 0;
    override exec(s: string) {
      Counted.calls++;
      return super.exec(s);
    }
  }
  const counted = { ...sig, opens: new Counted(sig.opens!), until: new Counted(sig.until!), keepWith: new Counted(sig.keepWith!) };

  it('reads 60,000 signatures, each ended by a quote, with a few searches per signature', () => {
    const t = norm('Thanks,\nTom\n> ok\n'.repeat(60_000));
    Counted.calls = 0;
    const out = ownWords(t, true, counted);
    expect(out.split('\n').filter((l) => /^(tom|> ok)$/i.test(l))).toHaveLength(0);
    expect(out.split('\n').filter((l) => l.toLowerCase() === 'thanks,')).toHaveLength(60_000);
    expect(Counted.calls).toBeLessThanOrEqual(3 * 60_000 + 3);
  });

  it('a signature no line ends runs to the end of the text: later sign-offs open nothing more', () => {
    const t = norm('Thanks,\nTom\n'.repeat(60_000));
    Counted.calls = 0;
    expect(
      ownWords(t, false, counted)
        .split('\n')
        .filter((l) => l),
    ).toEqual(['Thanks,']);
    expect(Counted.calls).toBeLessThanOrEqual(4);
  });
});
