/**
 * Scripts fit the case, end to end: a refund complaint created in the sandbox is classified by the connector and
 * the sidebar's view offers the payment wording of the policy, not the product wording a defect complaint gets.
 */
import type { RunningConnector } from '../../../connector/src/start-connector';
import { postForm, startSandbox } from './helpers/start-sandbox';

let c: RunningConnector & { stop(): Promise<void> };
beforeAll(async () => {
  c = await startSandbox();
});
afterAll(async () => {
  await c?.stop();
});

async function view(subject: string, description: string, locale: string): Promise<any> {
  const res = await postForm(`${c.url}/sandbox/tickets`, {
    channel: 'email',
    locale,
    requester_name: 'Li',
    subject,
    description,
    field_product_model: 'R3 rice cooker',
  });
  expect(res.status).toBe(303);
  await c.pipeline.idle();
  const id = /\/sandbox\/tickets\/(\d+)/.exec(res.headers.get('location') ?? '')![1];
  const r = await fetch(`${c.url}/api/v1/tickets/sandbox/${id}/view`, {
    headers: { 'X-Complaint-Desk-Key': 'it-app-secret-0123456789', 'X-Complaint-Desk-Agent': 'it', 'X-Complaint-Desk-Locale': locale },
  });
  expect(r.status).toBe(200);
  return r.json();
}
const script = (v: any, id: string): string => v.scripts.find((s: { id: string }) => s.id === id)?.text ?? '';

test('a refund complaint is acknowledged about the payment; a defect about the product', async () => {
  const refund = await view(
    'Refund never arrived',
    'I returned the order three weeks ago and I was charged twice. The refund has still not arrived in my account.',
    'en',
  );
  expect(refund.classification.category).toBe('billing');
  expect(script(refund, 'acknowledge')).toContain('payment');
  expect(script(refund, 'acknowledge')).not.toContain('R3 rice cooker');
  expect(script(refund, 'empathise')).not.toContain('R3 rice cooker');
  const defect = await view(
    'Rice cooker broken',
    'The rice cooker stopped heating after two days, the display shows E3 and nothing works.',
    'en',
  );
  expect(defect.classification.category).toBe('quality');
  expect(script(defect, 'acknowledge')).toContain('R3 rice cooker');
});
