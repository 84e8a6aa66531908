import { compileRules } from '../../../../../policies/src/engine/compile-rules';
import { footerSpans } from '../../../../../policies/src/engine/footer-spans';
import { normalizeText } from '../../../../../policies/src/engine/normalize-text';
import { ownWords } from '../../../../../policies/src/engine/own-words';
import { policyWith, signatureCue, type RuleIn } from './classify-kit';

// Footers: automatic blocks under a message with no sign-off above them. Each is one block of lines, so a footer-like
// line in the sender's own text ("Phone: …" above the story) takes nothing beyond its block.
const legal: RuleIn = { id: 'legal', phrases: ['lawyer'], sets: { signals: ['legal'] } };
const footerCue = { ...signatureCue, footers: ['registered office', 'follow us', 'phone:', '地址:', '本邮件及'] };
const compiled = compileRules(policyWith([legal], { cues: [footerCue] as any }));
const cue = compiled.cues.find((c) => c.id === 'signature_not_threat')!;
const norm = (t: string) => normalizeText(t, compiled.replacer).text;
/** The footers' text, one string per block. */
const blocks = (t: string) => {
  const n = norm(t);
  return footerSpans(n, cue).map((s) => n.slice(s.from, s.to));
};

describe('footerSpans', () => {
  it('a footer block: the name lines above its footer line, and the short lines after it', () => {
    const t = 'The desk is cracked.\n\nAcme Ltd\nUnit 5, Riverside\nRegistered office: 1 Main St\nVAT GB 123\n\nThanks';
    expect(blocks(t)).toEqual([norm('Acme Ltd\nUnit 5, Riverside\nRegistered office: 1 Main St\nVAT GB 123')]);
  });

  it('a line ending a sentence ends the block, or keeps the name lines out', () => {
    expect(blocks('Cracked.\n\nFollow us on Instagram\nOur lawyer wrote to you today.')).toEqual([norm('Follow us on Instagram')]);
    expect(blocks('Cracked.\n\nPlease fix it.\nRegistered office: 1 Main St')).toEqual([norm('Registered office: 1 Main St')]);
  });

  it('a long footer line (a disclaimer) is in its block; a long line without a footer phrase is not', () => {
    const disclaimer = `本邮件及其附件${'仅供指定收件人使用'.repeat(20)}`;
    expect(blocks(`漏水了。\n\n地址：上海市\n${disclaimer}\n${'很长的一行'.repeat(30)}`)).toEqual([norm(`地址：上海市\n${disclaimer}`)]);
  });

  it('nothing on the first line, nor name lines from the first paragraph', () => {
    expect(blocks('Follow us on X')).toEqual([]);
    expect(blocks('Name: Tom\nPhone: 0770 900123\nThe lawyer letter went out.')).toEqual([norm('Phone: 0770 900123')]);
  });

  it('the model reads around a footer block: left out up to its end, the rest read', () => {
    const t = 'Cracked.\n\nAcme Ltd\nFollow us on X\nMy lawyer has the photos.';
    expect(ownWords(norm(t), false, cue)).toBe(norm('Cracked.\n\n\n\nMy lawyer has the photos.'));
  });

  it('a text of 20,000 footer blocks: each found once, in text order', () => {
    const t = norm('Order 4471.\n\n' + 'Acme Ltd\nFollow us\nRegistered office: x\n\n'.repeat(20_000));
    const spans = footerSpans(t, cue);
    expect(spans).toHaveLength(20_000);
    expect(spans.every((s, i) => i === 0 || s.from > spans[i - 1].to)).toBe(true);
    expect(t.slice(spans[7].from, spans[7].to)).toBe(norm('Acme Ltd\nFollow us\nRegistered office: x'));
  });
});
