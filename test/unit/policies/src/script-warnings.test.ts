/** Scripts fit the case: variants chosen per category and signal from policy data, and the check on their conditions. */
import { renderScript, scriptsFor } from '../../../../policies/src/engine';
import { policyWarnings } from '../../../../policies/src/policy-warnings';
import { scriptWarnings } from '../../../../policies/src/script-warnings';
import type { Policy } from '../../../../policies/src/types';
import { loadPolicy } from '../../../support/test-policy';

const policy = loadPolicy();
const vars = { customer_name: 'Li', ticket_id: '7', deadline: '2026-11-23 14:00 (Asia/Shanghai)', product: 'R3 rice cooker' };
const clone = (): Policy => structuredClone(policy);

describe('choosing the wording', () => {
  it('a refund complaint is acknowledged about its payment, not about a product', () => {
    const billing = renderScript(policy, 'acknowledge', 'en', vars, { category: 'billing', signals: [] });
    expect(billing).toContain('payment');
    expect(billing).not.toContain('R3 rice cooker');
    const quality = renderScript(policy, 'acknowledge', 'en', vars, { category: 'quality', signals: [] });
    expect(quality).toContain('your R3 rice cooker');
    // No case given (old callers): the general wording.
    expect(renderScript(policy, 'acknowledge', 'en', vars)).toBe(quality);
  });

  it('the first variant that fits wins: a safety signal before the category', () => {
    const safety = renderScript(policy, 'acknowledge', 'zh-CN', vars, { category: 'billing', signals: ['safety'] });
    expect(safety).toContain('停止使用');
    const [ack] = scriptsFor('new', policy, 'zh-TW', vars, { category: 'logistics', signals: [] });
    expect(ack.id).toBe('acknowledge');
    expect(ack.text).toContain('訂單');
  });

  it('every category gets empathy and a follow-up worded for it: no product wording for billing, logistics or service', () => {
    for (const category of ['billing', 'logistics', 'service']) {
      for (const id of ['acknowledge', 'empathise', 'follow_up'] as const) {
        for (const locale of ['en', 'zh-CN', 'zh-TW'] as const)
          expect([
            category,
            id,
            locale,
            renderScript(policy, id, locale, vars, { category, signals: [] }).includes('R3 rice cooker'),
          ]).toEqual([category, id, locale, false]);
      }
    }
  });
});

describe('policy check on wording conditions', () => {
  it('the default policy has no script warnings', () => {
    expect(scriptWarnings(policy)).toEqual([]);
  });

  it('general product wording that billing tickets reach while another script words billing without the product', () => {
    const p = clone();
    p.scripts.empathise.variants = p.scripts.empathise.variants!.filter((v) => !v.when.categories?.includes('billing'));
    const w = policyWarnings(p).filter((x) => x.path.startsWith('scripts.'));
    expect(w).toEqual([
      expect.objectContaining({
        path: 'scripts.empathise.template',
        message: expect.stringContaining('"billing" tickets get this general wording'),
      }),
    ]);
    expect(w[0].hint).toContain('{"when": {"categories": ["billing"]}');
  });

  it('a variant an earlier one always pre-empts, and a variant for suspect signals on a script not shown then', () => {
    const p = clone();
    const billing = p.scripts.acknowledge.variants!.find((v) => v.when.categories?.includes('billing'))!;
    p.scripts.acknowledge.variants!.push({ when: { categories: ['billing'], signals: ['legal'] }, template: billing.template });
    p.scripts.commit.variants = [{ when: { signals: ['extortion'] }, template: p.scripts.commit.template }];
    const w = scriptWarnings(p);
    expect(w).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: `scripts.acknowledge.variants[${p.scripts.acknowledge.variants!.length - 1}].when`,
          message: expect.stringMatching(/^never used: variant \d fits every ticket/),
        }),
        expect.objectContaining({ path: 'scripts.commit.variants[0].when', message: expect.stringContaining('never shown') }),
      ]),
    );
    expect(w).toHaveLength(2);
  });
});
