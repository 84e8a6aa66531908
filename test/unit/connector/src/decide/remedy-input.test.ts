import { remedyInputOf } from '../../../../../connector/src/decide/remedy-input';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { projection } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();

describe('remedyInputOf', () => {
  it('reads purchase date, delivery date and order amount from the intake fields the policy names', () => {
    const p = projection(policy, { fields: { purchase_date: '2026-11-01', delivered_at: '2026-11-03', order_amount: '1,299.00' } });
    expect(remedyInputOf(p, policy)).toEqual({
      category: 'quality',
      severity: 'L2',
      purchaseDate: '2026-11-01',
      deliveredAt: '2026-11-03',
      orderAmount: 1299,
    });
  });

  it('follows renamed fields; the old keys mean nothing to the code', () => {
    const renamed = loadPolicy((raw) => {
      const def = (field: string) => ({ label: { en: field, 'zh-CN': field, 'zh-TW': field }, source: { kind: 'field', field } });
      Object.assign(raw.intake.fields, { bought_on: def('bought_on'), paid: def('cf_paid_total') });
      raw.remedies.inputFields = { purchaseDate: 'bought_on', orderAmount: 'paid' };
    });
    const p = projection(renamed, { fields: { bought_on: '2024-01-02', cf_paid_total: 88, purchase_date: '2026-11-01', order_amount: 5 } });
    expect(remedyInputOf(p, renamed)).toMatchObject({ purchaseDate: '2024-01-02', deliveredAt: null, orderAmount: 88 });
  });

  it('without remedies.inputFields everything is unknown (warranty then assumed "in" by the engine)', () => {
    const none = loadPolicy((raw) => {
      delete raw.remedies.inputFields;
    });
    expect(remedyInputOf(projection(none, { fields: { purchase_date: '2026-11-01' } }), none)).toMatchObject({
      purchaseDate: null,
      deliveredAt: null,
      orderAmount: null,
    });
  });
});
