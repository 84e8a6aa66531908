/** Policy keys the connector reads: clock labels, product/remedy input fields, supervisor notification, remedy decisions. */
import { validatePolicy } from '../../../../../policies/src/validate-policy';
import { loadPolicy, rawPolicyVariant, rejectedProblems as problems } from '../../../../support/test-policy';

const variant = (edit: (p: any) => void) => validatePolicy(rawPolicyVariant(edit));

describe('policy keys for the connector', () => {
  test('the default policy names the clocks, the product and remedy input fields, the notification tag and decision labels', () => {
    const policy = loadPolicy();
    expect(Object.keys(policy.sla.clockLabels)).toEqual(['acknowledge', 'respond', 'resolve']);
    expect(policy.intake.productField).toBe('product_model');
    expect(policy.remedies.inputFields).toEqual({
      purchaseDate: 'purchase_date',
      deliveredAt: 'delivered_at',
      orderAmount: 'order_amount',
    });
    expect(policy.escalation.supervisorNotification).toEqual({ tag: 'cd_notify_supervisor' });
    expect(policy.notes.remedy_decision.en).toContain('{{decision}}');
    // The remedy inputs are defined intake fields but not required ones.
    expect(policy.intake.required).not.toContain('delivered_at');
    expect(policy.intake.required).not.toContain('order_amount');
  });

  test('clock labels are required, localised, and only for the three clocks', () => {
    expect(
      problems(
        variant((p) => {
          delete p.sla.clockLabels;
        }),
      ).map((x) => x.path),
    ).toEqual(['sla.clockLabels']);
    expect(
      problems(
        variant((p) => {
          delete p.sla.clockLabels.respond['zh-TW'];
        }),
      ).map((x) => x.path),
    ).toEqual(['sla.clockLabels.respond["zh-TW"]']);
    expect(
      problems(
        variant((p) => {
          p.sla.clockLabels.reply = p.sla.clockLabels.respond;
        }),
      )[0].path,
    ).toBe('sla.clockLabels.reply');
  });

  test('productField and remedy input fields must name intake fields with a ticket-field source', () => {
    const unknown = problems(
      variant((p) => {
        p.intake.productField = 'product_modle';
      }),
    );
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({ path: 'intake.productField', message: 'unknown intake field "product_modle"' });
    expect(unknown[0].hint).toContain('did you mean "product_model"?');
    const notAField = problems(
      variant((p) => {
        p.remedies.inputFields.purchaseDate = 'received_at';
      }),
    );
    expect(notAField).toEqual([
      expect.objectContaining({
        path: 'remedies.inputFields.purchaseDate',
        message: 'intake field "received_at" has source "received_at", not a ticket field',
      }),
    ]);
    expect(
      problems(
        variant((p) => {
          p.remedies.inputFields.orderAmount = 'amount';
        }),
      )[0].path,
    ).toBe('remedies.inputFields.orderAmount');
    expect(
      problems(
        variant((p) => {
          p.remedies.inputFields.refundAmount = 'order_amount';
        }),
      )[0].path,
    ).toBe('remedies.inputFields.refundAmount');
    // Both are optional: without them the product and the remedy inputs are simply unknown.
    expect(
      variant((p) => {
        delete p.intake.productField;
        delete p.remedies.inputFields;
      }).ok,
    ).toBe(true);
  });

  test('supervisor notification is a valid tag; decision labels and the remedy_decision note are required', () => {
    expect(
      problems(
        variant((p) => {
          p.escalation.supervisorNotification.tag = 'notify supervisor';
        }),
      )[0].path,
    ).toBe('escalation.supervisorNotification.tag');
    expect(
      variant((p) => {
        delete p.escalation.supervisorNotification;
      }).ok,
    ).toBe(true);
    expect(
      problems(
        variant((p) => {
          delete p.remedies.decisionLabels.declined;
        }),
      ).map((x) => x.path),
    ).toEqual(['remedies.decisionLabels.declined']);
    expect(
      problems(
        variant((p) => {
          delete p.notes.remedy_decision;
        }),
      ).map((x) => x.path),
    ).toEqual(['notes.remedy_decision']);
    const bad = problems(
      variant((p) => {
        p.notes.remedy_decision.en = '{{decison}} {{remedy}}';
      }),
    );
    expect(bad[0]).toMatchObject({ path: 'notes.remedy_decision.en', message: 'unknown variable {{decison}}' });
    expect(bad[0].hint).toContain('did you mean {{decision}}?');
  });
});
