import { AppError } from '../../../../../connector/src/errors';
import { decodeBody, MAX_DEPTH } from '../../../../../connector/src/webhooks/decode-body';

function errorOf(raw: Buffer): AppError {
  try {
    decodeBody(raw);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('decodeBody', () => {
  it('parses JSON, skipping a UTF-8 byte order mark', () => {
    expect(decodeBody(Buffer.from('{"a":"é"}'))).toEqual({ json: true, value: { a: 'é' } });
    expect(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]))).toEqual({ json: true, value: { a: 1 } });
  });

  it('rejects an empty or blank body, and bytes that are not UTF-8, with a 400 that says so', () => {
    expect(errorOf(Buffer.alloc(0))).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('empty') });
    expect(errorOf(Buffer.from(' \n '))).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('empty') });
    expect(errorOf(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]))).toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('rejects nesting deeper than MAX_DEPTH without recursing (10 000 levels)', () => {
    expect(errorOf(Buffer.from('['.repeat(10_000) + ']'.repeat(10_000)))).toMatchObject({
      message: expect.stringContaining(`deeper than ${MAX_DEPTH}`),
    });
    expect(errorOf(Buffer.from('{"a":'.repeat(MAX_DEPTH + 1) + '1' + '}'.repeat(MAX_DEPTH + 1)))).toMatchObject({
      code: 'invalid_request',
    });
    expect(decodeBody(Buffer.from('{"a":'.repeat(MAX_DEPTH) + '1' + '}'.repeat(MAX_DEPTH))).json).toBe(true);
  });

  it('hands text that is UTF-8 but not JSON back for recovery, with the parser error', () => {
    const r = decodeBody(Buffer.from('{"a": "b"c"}'));
    expect(r).toEqual({ json: false, text: '{"a": "b"c"}', error: expect.any(String) });
  });
});
