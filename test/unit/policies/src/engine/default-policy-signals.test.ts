/**
 * Signals the default policy's rules find (or must not find) in complaints said indirectly:
 * quoted earlier replies, counts of contacts, first contacts, threats of going public, regulators
 * cited rather than threatened, hazards described without the obvious word, and hazard words in a
 * harmless sense. The tickets are made up for these tests (not taken from any
 * evaluation set). Rules alone: the learned layer is not attached; the phrases are widened into both
 * Chinese scripts as the server and the CLI do (expand-scripts.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { classify } from '../../../../../policies/src/engine';
import { expandScripts } from '../../../../../policies/server/expand-scripts';
import { loadPolicy } from '../../../../support/test-policy';

type Case = { id: string; subject: string; description: string; check: { signal: string; present: boolean } };

const cases: Case[] = fs
  .readFileSync(path.resolve(__dirname, '../../../../fixtures/policies/signal-cues.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

describe('default policy signals said indirectly (rules alone)', () => {
  const policy = expandScripts(loadPolicy());

  it('covers both directions for every signal it checks', () => {
    for (const s of ['safety', 'repeat_contact', 'media', 'regulator', 'legal', 'extortion']) {
      expect(cases.filter((c) => c.check.signal === s && c.check.present).length).toBeGreaterThan(0);
      expect(cases.filter((c) => c.check.signal === s && !c.check.present).length).toBeGreaterThan(0);
    }
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const got = classify({ id: c.id, subject: c.subject, description: c.description }, policy);
    expect({ id: c.id, [c.check.signal]: got.signals.includes(c.check.signal as never) }).toEqual({
      id: c.id,
      [c.check.signal]: c.check.present,
    });
  });
});
