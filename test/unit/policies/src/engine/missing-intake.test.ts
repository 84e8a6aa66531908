import defaultJson from '../../../../../policies/default.json';
import { missingIntake } from '../../../../../policies/src/engine/missing-intake';
import type { Policy, Ticket } from '../../../../../policies/src/types';
import { validatePolicy } from '../../../../../policies/src/validate-policy';

const r = validatePolicy(defaultJson);
if (!r.ok) throw new Error('default policy invalid');
const policy: Policy = r.policy;

const full: Ticket = {
  id: '1',
  subject: 'Kettle',
  description: 'The kettle stopped heating on Monday, no light at all.',
  requester: { name: 'Ana', phone: '+1 555 0100' },
  channel: 'email',
  createdAt: '2026-11-22T10:00:00Z',
  fields: {
    product_model: 'K-1',
    product_batch: 'B7',
    serial_number: 'S1',
    purchase_channel: 'web',
    purchase_date: '2026-01-01',
    customer_request: 'repair',
  },
};

describe('missingIntake', () => {
  test('a complete ticket lacks nothing', () => {
    expect(missingIntake(full, 'quality', policy, 'en')).toEqual([]);
  });

  test('an empty ticket lacks every required field, in policy order, with localised labels', () => {
    const gaps = missingIntake({ id: '2', subject: '', description: '' }, null, policy, 'zh-TW');
    expect(gaps.map((g) => g.field)).toEqual(policy.intake.required);
    expect(gaps[0]).toEqual({ field: 'customer_name', label: '客戶姓名', ask: policy.intake.fields.customer_name.ask!['zh-TW'] });
  });

  test('category counts as present when given; description needs minLength characters', () => {
    expect(missingIntake(full, null, policy, 'en').map((g) => g.field)).toEqual(['problem_type']);
    const short = missingIntake({ ...full, description: '  it broke    ' }, 'quality', policy, 'en');
    expect(short).toEqual([
      { field: 'description', label: policy.intake.fields.description.label.en, ask: policy.intake.fields.description.ask!.en },
    ]);
    // minLength counts characters, not UTF-16 units or bytes: 15 CJK characters are enough.
    expect(missingIntake({ ...full, description: '电饭煲插上电以后摸外壳会麻手很怕' }, 'quality', policy, 'en')).toEqual([]);
  });

  test('contact by email or phone; blank strings and null fields are missing; false and 0 are values', () => {
    expect(missingIntake({ ...full, requester: { name: 'Ana', email: 'a@example.com' } }, 'quality', policy, 'en')).toEqual([]);
    const gaps = missingIntake(
      {
        ...full,
        requester: { name: '  ', phone: '' },
        fields: { ...full.fields, product_batch: null, serial_number: ' ', product_model: 0, customer_request: false },
      },
      'quality',
      policy,
      'en',
    );
    expect(gaps.map((g) => g.field)).toEqual(['customer_name', 'contact', 'product_batch', 'serial_number']);
  });
});
