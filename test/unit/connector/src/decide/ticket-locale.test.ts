/** Notes are written in the ticket's locale: the requester's where the host gives it, else detected, else the policy default. */
import { decideTicketCreated } from '../../../../../connector/src/decide/decide-ticket-created';
import { detectLocale, hostLocale, ticketLocale } from '../../../../../connector/src/decide/ticket-locale';
import { loadPolicy } from '../../../../fixtures/connector-core/policy';
import { T0, ticket } from '../../../../fixtures/connector-core/projection';

const policy = loadPolicy();
const facts = { host: 'zendesk' as const, policyVersion: policy.version, requesterComplaints: () => 1 };
const CJK = /[\u3400-\u9fff]/;

test('detects English, Simplified and Traditional Chinese; too little text says nothing', () => {
  expect(detectLocale('The kettle leaks when I fill it')).toBe('en');
  expect(detectLocale('电饭煲插上电以后摸外壳会麻手')).toBe('zh-CN');
  expect(detectLocale('電鍋插上電以後摸外殼會麻手')).toBe('zh-TW');
  expect(detectLocale('平台上的订单')).toBe('zh-CN'); // 台 is both
  expect(detectLocale('??')).toBeNull();
  expect(hostLocale('zh_TW')).toBe('zh-TW');
  expect(hostLocale('zh-Hant-HK')).toBe('zh-TW');
  expect(hostLocale('en-US')).toBe('en');
  expect(hostLocale('fr')).toBeNull();
  expect(ticketLocale({ subject: '??' }, policy)).toBe(policy.defaultLocale);
  expect(ticketLocale({ locale: 'zh-TW', subject: 'The kettle leaks' }, policy)).toBe('zh-TW');
});

test('an English ticket gets English notes: no Chinese, no raw rule ids', () => {
  const d = decideTicketCreated(
    null,
    ticket({ subject: 'Kettle leaks', description: 'My kettle leaks water all over the counter every time I use it.' }),
    policy,
    T0,
    facts,
  );
  const body = d.change!.note!.body;
  expect(body).not.toMatch(CJK);
  expect(body).toContain(policy.categories[d.projection!.category as 'quality'].label.en);
});

test('a zh-TW ticket gets zh-TW notes', () => {
  const d = decideTicketCreated(
    null,
    ticket({ subject: '熱水壺漏水', description: '熱水壺每次使用都會漏水，桌面都濕了。' }),
    policy,
    T0,
    facts,
  );
  const body = d.change!.note!.body;
  expect(body).toContain(policy.categories[d.projection!.category as 'quality'].label['zh-TW']);
  expect(body).not.toContain('投诉助手'); // the zh-CN note prefix
});
