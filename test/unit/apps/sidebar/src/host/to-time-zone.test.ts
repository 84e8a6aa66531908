/** The agent's zone from what a host gives: IANA names as they are, Freshdesk's Rails names mapped, anything else null (the policy's zone). */
import { toTimeZone } from '../../../../../../apps/sidebar/src/host/host-api';

test('IANA names pass, Rails names map, unknown or missing give null', () => {
  expect(toTimeZone('America/New_York')).toBe('America/New_York');
  expect(toTimeZone('Taipei')).toBe('Asia/Taipei');
  expect(toTimeZone('Beijing')).toBe('Asia/Shanghai');
  expect(toTimeZone('Eastern Time (US & Canada)')).toBe('America/New_York');
  expect(toTimeZone('Chennai')).toBeNull();
  expect(toTimeZone('Mars/Olympus')).toBeNull();
  expect(toTimeZone('')).toBeNull();
  expect(toTimeZone(undefined)).toBeNull();
  expect(toTimeZone(8)).toBeNull();
});
