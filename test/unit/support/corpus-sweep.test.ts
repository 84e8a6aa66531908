/**
 * The stratified subset the corpus-wide equivalence checks sweep (test/support/corpus-sweep.ts), on a made-up
 * corpus: it keeps the ticket of every rare phrase and pattern that the hash sample leaves out, each language's
 * extremes and the normalisation paths, in corpus order, the same every time; FULL_SWEEP=1 keeps everything.
 */
import { sweepTickets, type CorpusTicket } from '../../support/corpus-sweep';

// Filler of middling lengths in three languages (the rare tickets below are neither the longest nor the shortest).
const langs = ['en', 'zh-CN', 'zh-TW'];
const filler = (i: number): CorpusTicket => ({
  id: `t${i}`,
  lang: langs[i % 3],
  subject: `subject ${i}`,
  description: i % 3 ? `普通的留言 ${i}` : `an ordinary message number ${i} about an order`,
});
const corpus: CorpusTicket[] = [
  ...Array.from({ length: 1500 }, (_, i) => filler(i)),
  { id: 'rare-phrase', lang: 'en', subject: 'Help', description: 'The plug gave me a Nasty  Zap this morning, what now' },
  { id: 'rare-pattern', lang: 'en', subject: 'Refund', description: 'I paid 4999 dollars for it and it broke in a week' },
  { id: 'rare-zh', lang: 'zh-TW', subject: '插頭問題', description: '插頭冒煙了，請盡快處理好嗎謝謝' },
  { id: 'cantonese', lang: 'zh-TW', subject: '壞咗', description: '部機冇反應' },
  { id: 'full-width', lang: 'en', subject: 'Ｏｒｄｅｒ ２', description: 'wrong item' },
  { id: 'longest-en', lang: 'en', subject: 'x', description: 'word '.repeat(500) },
];
const ids = (ts: CorpusTicket[]) => ts.map((t) => t.id);
const saved = process.env.FULL_SWEEP;
afterEach(() => {
  if (saved === undefined) delete process.env.FULL_SWEEP;
  else process.env.FULL_SWEEP = saved;
});

describe('sweepTickets', () => {
  it('keeps the first ticket of every phrase key and pattern, whatever the hash sample holds', () => {
    delete process.env.FULL_SWEEP;
    const got = ids(sweepTickets({ keys: ['nasty zap', '冒煙', 'never in the corpus'], patterns: ['\\b\\d{4}\\s+dollars'] }, corpus));
    expect(got).toEqual(expect.arrayContaining(['rare-phrase', 'rare-pattern', 'rare-zh']));
    // a sample, not the corpus: about a tenth of the filler
    expect(got.length).toBeLessThan(corpus.length / 3);
    const sampled = ids(sweepTickets({}, corpus));
    for (const id of ['rare-phrase', 'rare-pattern', 'rare-zh']) expect(sampled).not.toContain(id);
  });

  it("keeps each language's extremes and the normalisation paths (NFKC, Cantonese replacements)", () => {
    delete process.env.FULL_SWEEP;
    const got = ids(sweepTickets({ replaced: ['冇'] }, corpus));
    expect(got).toEqual(expect.arrayContaining(['longest-en', 'cantonese', 'full-width', 't0', 't1', 't2']));
  });

  it('is deterministic, in corpus order; the per-language bound narrows the sample', () => {
    delete process.env.FULL_SWEEP;
    const a = sweepTickets({ keys: ['zap'] }, corpus);
    expect(sweepTickets({ keys: ['zap'] }, [...corpus])).toEqual(a);
    const at = a.map((t) => corpus.indexOf(t));
    expect(at).toEqual([...at].sort((x, y) => x - y));
    const none = sweepTickets({ sampleByte: { en: 0, 'zh-CN': 0, 'zh-TW': 0 } }, corpus);
    expect(none.length).toBeLessThan(a.length);
  });

  it('FULL_SWEEP=1: every ticket', () => {
    process.env.FULL_SWEEP = '1';
    expect(sweepTickets({ keys: [] }, corpus)).toBe(corpus);
  });
});
