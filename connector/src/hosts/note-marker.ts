/**
 * Hidden idempotency markers for internal notes. The marker's UTF-8 bytes are written as zero-width characters
 * (U+200B = 0, U+200C = 1) between two U+2060 word joiners and appended to the note. They are plain Unicode text,
 * so they survive both hosts' HTML sanitising (Zendesk `body`/`html_body`, Freshdesk `body`/`body_text`) and
 * are invisible to agents. Reading also accepts the characters as numeric HTML entities.
 */
const ZERO = '\u200b';
const ONE = '\u200c';
const EDGE = '\u2060';
const ENTITY = /&#(x[0-9a-f]+|\d+);/gi;
const SEQUENCE = new RegExp(`${EDGE}([${ZERO}${ONE}]+)${EDGE}`, 'g');

export function encodeMarker(marker: string): string {
  const bits = [...Buffer.from(marker, 'utf8')].map((b) => b.toString(2).padStart(8, '0')).join('');
  return EDGE + bits.replace(/0/g, ZERO).replace(/1/g, ONE) + EDGE;
}

/** The note body with its marker appended invisibly. */
export function withMarker(body: string, marker: string): string {
  return body + encodeMarker(marker);
}

/** Every marker hidden in a text (plain or HTML). */
export function markersIn(text: string): string[] {
  const plain = text.replace(ENTITY, (whole, code: string) => {
    const n = code[0].toLowerCase() === 'x' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    return [0x200b, 0x200c, 0x2060].includes(n) ? String.fromCodePoint(n) : whole;
  });
  const found: string[] = [];
  for (const m of plain.matchAll(SEQUENCE)) {
    const bits = m[1].replace(new RegExp(ZERO, 'g'), '0').replace(new RegExp(ONE, 'g'), '1');
    if (bits.length % 8 !== 0) continue;
    const bytes = bits.match(/.{8}/g)!.map((b) => parseInt(b, 2));
    found.push(Buffer.from(bytes).toString('utf8'));
  }
  return found;
}

export function noteHasMarker(body: string | null | undefined, marker: string): boolean {
  return body != null && markersIn(body).includes(marker);
}
