import { htmlToText, splitTags, toIso } from '../../../../../connector/src/hosts/normalize-host-values';

describe('normalize host values', () => {
  it('splits tags, parses host times and strips HTML', () => {
    expect(splitTags('a  b c', /\s+/)).toEqual(['a', 'b', 'c']);
    expect(splitTags('a, b,,c', /,/)).toEqual(['a', 'b', 'c']);
    expect(toIso('2025-01-08T14:25:30.123456789Z')).toBe('2025-01-08T14:25:30.123Z');
    expect(toIso('{{ticket.updated_at}}')).toBeNull();
    expect(htmlToText('<p>a &amp; b</p><p>c&nbsp;d</p>')).toBe('a & b\nc d');
  });

  it("parses the hosts' date formats only when they carry a zone; never guesses", () => {
    expect(toIso('2013-12-12T05:35Z')).toBe('2013-12-12T05:35:00.000Z');
    expect(toIso('2026-11-22T18:30:00+08:00')).toBe('2026-11-22T10:30:00.000Z');
    expect(toIso('2026-11-22 09:00:00 UTC')).toBe('2026-11-22T09:00:00.000Z');
    expect(toIso('2026-11-22 16:00:00 +0530')).toBe('2026-11-22T10:30:00.000Z');
    expect(toIso('2025-09-03 12:56:17.000000000 +0000')).toBe('2025-09-03T12:56:17.000Z');
    expect(toIso('Nov 22, 2026 at 10:30 UTC')).toBe('2026-11-22T10:30:00.000Z');
    expect(toIso('November 22 2026 at 10:30 PM +0800')).toBe('2026-11-22T14:30:00.000Z');
    expect(toIso('Nov 22, 2026 at 10:30')).toBeNull();
    expect(toIso('November 22, 2026 11:25')).toBeNull();
    expect(
      ['1', '1732270000', 'May18, 2014', 'Smarch 3, 2026 at 10:30 UTC', '2026-13-45T99:99Z', 42, `${'2026-11-22T10:30:00Z'.repeat(5)}`].map(
        toIso,
      ),
    ).toEqual(Array(7).fill(null));
  });

  it('reduces HTML to text: drops scripts, decodes entities once', () => {
    expect(htmlToText('<div>a &amp;lt; b<br>c &#8364; &#x4e2d;</div><script>alert(1)</script><style>p{}</style>')).toBe('a &lt; b\nc € 中');
  });
});
