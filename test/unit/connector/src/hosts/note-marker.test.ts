import { encodeMarker, markersIn, noteHasMarker, withMarker } from '../../../../../connector/src/hosts/note-marker';
import { textToHtml } from '../../../../../connector/src/hosts/html-text';

describe('note markers', () => {
  const marker = 'cd:zendesk:35436:evt-9f2:classification';

  it('are invisible: only zero-width characters are appended', () => {
    const encoded = encodeMarker(marker);
    expect(encoded).toMatch(/^[\u2060\u200b\u200c]+$/);
    expect(withMarker('Classified as quality', marker).startsWith('Classified as quality')).toBe(true);
  });

  it('round-trip through plain text, HTML wrapping and numeric entities', () => {
    const body = withMarker('Line 1\nLine 2', marker);
    expect(noteHasMarker(body, marker)).toBe(true);
    expect(noteHasMarker(`<div class="zd-comment"><p>${textToHtml(body)}</p></div>`, marker)).toBe(true);
    const entities = body.replace(/[\u200b\u200c\u2060]/g, (c) => `&#${c.codePointAt(0)};`);
    expect(noteHasMarker(entities, marker)).toBe(true);
    const hexEntities = body.replace(/[\u200b\u200c\u2060]/g, (c) => `&#x${c.codePointAt(0)!.toString(16)};`);
    expect(noteHasMarker(hexEntities, marker)).toBe(true);
  });

  it('tell markers apart and handle unicode markers', () => {
    const body = withMarker('a', 'm-1') + withMarker('b', '标记-2');
    expect(markersIn(body)).toEqual(['m-1', '标记-2']);
    expect(noteHasMarker(body, 'm-2')).toBe(false);
    expect(noteHasMarker('plain text with m-1 visible', 'm-1')).toBe(false);
    expect(noteHasMarker(undefined, 'm-1')).toBe(false);
  });
});
