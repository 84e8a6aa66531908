import { amountOf, intakeFieldValue, productOf, remedyInputFrom } from '../../../../../policies/src/engine';
import { loadPolicy } from '../../../../support/test-policy';

const policy = loadPolicy();

describe('intake fields named by the policy', () => {
  it('intakeFieldValue: only "field" sources, empty values are null', () => {
    expect(intakeFieldValue(policy, { product_model: '' }, 'product_model')).toBeNull();
    expect(intakeFieldValue(policy, { product_model: 'R3' }, 'product_model')).toBe('R3');
    expect(intakeFieldValue(policy, { customer_name: 'x' }, 'customer_name')).toBeNull(); // source requester_name
    expect(intakeFieldValue(policy, { x: 1 }, 'no_such_field')).toBeNull();
    expect(intakeFieldValue(policy, { x: 1 }, undefined)).toBeNull();
  });

  it('amountOf reads numbers leniently and refuses anything else', () => {
    expect(amountOf(12.5)).toBe(12.5);
    expect(amountOf('¥1 299')).toBe(1299);
    expect(amountOf('abc')).toBeNull();
    expect(amountOf('12abc')).toBeNull();
    expect(amountOf(Number.NaN)).toBeNull();
    expect(amountOf(true)).toBeNull();
  });

  it('productOf and remedyInputFrom follow intake.productField and remedies.inputFields', () => {
    expect(productOf(policy, { product_model: 'R3' })).toBe('R3');
    expect(productOf(policy, { product_model: '' })).toBeUndefined();
    expect(remedyInputFrom('quality', 'L2', { purchase_date: '2026-11-01', order_amount: '88' }, policy)).toEqual({
      category: 'quality',
      severity: 'L2',
      purchaseDate: '2026-11-01',
      deliveredAt: null,
      orderAmount: 88,
    });
  });
});
