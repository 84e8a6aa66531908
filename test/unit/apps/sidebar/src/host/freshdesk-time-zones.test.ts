/** The agent's zone from what a host gives: IANA names as they are, Freshdesk's Rails names mapped, anything else null (the policy's zone). */
import { freshdeskZoneName } from '../../../../../../apps/sidebar/src/host/freshdesk-time-zones';
import { canonicalZone } from '../../../../../../policies/src/engine/display-format';

/** What the Freshdesk host's `agent.timeZone` reads: its zone name (`freshdeskZoneName`), checked (host-api.ts withLazyTimeZone). */
const freshdeskTimeZone = (raw: unknown) => canonicalZone(freshdeskZoneName(raw));

test('IANA names pass; anything else, Rails names included, gives null (Zendesk gives IANA)', () => {
  expect(canonicalZone('America/New_York')).toBe('America/New_York');
  expect(canonicalZone('Beijing')).toBeNull();
  expect(canonicalZone('Eastern Time (US & Canada)')).toBeNull();
});

test('Freshdesk: IANA names pass, Rails names map, unknown or missing give null', () => {
  expect(freshdeskTimeZone('America/New_York')).toBe('America/New_York');
  expect(freshdeskTimeZone('Taipei')).toBe('Asia/Taipei');
  expect(freshdeskTimeZone('Beijing')).toBe('Asia/Shanghai');
  expect(freshdeskTimeZone('Eastern Time (US & Canada)')).toBe('America/New_York');
  expect(freshdeskTimeZone('Chennai')).toMatch(/^Asia\/(Kolkata|Calcutta)$/); // ICU's canonical name differs by version
  expect(freshdeskTimeZone('Atlantis')).toBeNull();
  expect(freshdeskTimeZone('Mars/Olympus')).toBeNull();
  expect(freshdeskTimeZone('')).toBeNull();
  expect(freshdeskTimeZone(undefined)).toBeNull();
  expect(freshdeskTimeZone(8)).toBeNull();
});

test('every Rails ActiveSupport zone name Freshdesk reports maps to its IANA zone (the full Rails table)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mapping } = require('../../../../../fixtures/hosts/rails-time-zones.json') as { mapping: Record<string, string> };
  const names = Object.keys(mapping);
  expect(names.length).toBe(151);
  const canonical = (z: string) => new Intl.DateTimeFormat('en', { timeZone: z }).resolvedOptions().timeZone;
  const wrong = names
    .filter((n) => freshdeskTimeZone(n) !== canonical(mapping[n]))
    .map((n) => `${n} → ${freshdeskTimeZone(n)} (want ${mapping[n]})`);
  expect(wrong).toEqual([]);
});
