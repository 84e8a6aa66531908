import { parseJsonBody, readHostResponse } from '../../../../../../apps/sidebar/src/host/read-host-response';

test('parseJsonBody: JSON parsed; empty or not JSON is null', () => {
  expect(parseJsonBody('{"accepted":true}')).toEqual({ accepted: true });
  expect(parseJsonBody('')).toBeNull();
  expect(parseJsonBody('<html>Bad Gateway</html>')).toBeNull();
});

test('readHostResponse: status, JSON body and every header of a fetch Response', async () => {
  const res = new Response('{"ok":1}', { status: 201, headers: { ETag: '"e1"', 'X-Complaint-Desk-Session': 's2' } });
  expect(await readHostResponse(res)).toEqual({
    status: 201,
    body: { ok: 1 },
    headers: { 'content-type': 'text/plain;charset=UTF-8', etag: '"e1"', 'x-complaint-desk-session': 's2' },
  });
  expect(await readHostResponse(new Response(null, { status: 204 }))).toEqual({ status: 204, body: null, headers: {} });
});
