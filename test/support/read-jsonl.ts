/** The JSON objects of a JSON Lines file, one per non-blank line, for tests that read fixtures or outputs. */
import fs from 'node:fs';

export function readJsonl<T = any>(file: string): T[] {
  return parseJsonl<T>(fs.readFileSync(file, 'utf8'));
}

/** The JSON objects of JSON Lines text (a command's output, say), one per non-blank line. */
export function parseJsonl<T = any>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The objects of a JSON Lines file by their `id`. */
export function readById<T extends { id: string } = any>(file: string): Map<string, T> {
  return new Map(readJsonl<T>(file).map((r) => [r.id, r]));
}
