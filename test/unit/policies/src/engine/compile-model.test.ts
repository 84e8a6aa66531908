import fs from 'node:fs';
import path from 'node:path';
import { compileModel, knownRow, rowOf } from '../../../../../policies/src/engine/compile-model';
import { hashString } from '../../../../../policies/src/engine/hash-features';
import type { ModelArtifact } from '../../../../../policies/src/engine/model-artifact';

const artifact = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../../../../policies/models/triage-model.json'), 'utf8'),
) as ModelArtifact;

describe('compileModel', () => {
  const m = compileModel(artifact);

  it('finds every kept feature through the Bloom filter (no false "unknown")', () => {
    for (const [row, name] of m.names.entries()) expect(knownRow(m, hashString(name))).toBe(row);
  });

  it('answers exactly as the table does for hashes it does not know', () => {
    let h = 12345;
    let filtered = 0;
    for (let i = 0; i < 200_000; i++) {
      h = (Math.imul(h, 1103515245) + 12345) & 0x3fffffff;
      expect(knownRow(m, h)).toBe(rowOf(m, h));
      if (rowOf(m, h) < 0) filtered++;
    }
    expect(filtered).toBeGreaterThan(190_000);
  });
});
