import express from 'express';
import type { Server } from 'node:http';
import { requireAppAuth } from '../../../../../connector/src/auth/require-app-auth';
import { signHs256Jwt } from '../../../../../connector/src/auth/verify-hs256-jwt';
import { createLogger } from '../../../../../connector/src/ops/create-logger';
import { errorHandler } from '../../../../../connector/src/server/error-handler';

const SECRET = 'app-shared-secret-0123456789';
const NOW = Date.parse('2026-11-22T12:00:00Z');
let server: Server;
let url: string;

beforeAll(async () => {
  const app = express();
  app.get('/who', requireAppAuth({ secret: SECRET, clock: { now: () => NOW }, defaultLocale: () => 'zh-CN', defaultRole: () => 'front_desk' }), (_req, res) => { res.json(res.locals.agent); });
  app.use(errorHandler(createLogger({ level: 'silent' })));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/who`;
});

afterAll(() => new Promise((r) => server.close(r)));

const get = async (headers: Record<string, string>) => {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
};

describe('requireAppAuth', () => {
  it('takes the agent from the JWT claims', async () => {
    const token = signHs256Jwt({ sub: 901, name: 'Ana Lima', role: 'Supervisor', locale: 'en', exp: NOW / 1000 + 60 }, SECRET);
    expect(await get({ authorization: `Bearer ${token}` })).toEqual({ status: 200, body: { id: '901', name: 'Ana Lima', role: 'supervisor', locale: 'en' } });
  });

  it('takes the agent from the X-Complaint-Desk-* headers with the key, defaulting role and locale', async () => {
    expect(await get({ 'x-complaint-desk-key': SECRET, 'x-complaint-desk-agent': 'li.na', 'x-complaint-desk-role': 'agent', 'x-complaint-desk-locale': 'zh-TW' })).toEqual({ status: 200, body: { id: 'li.na', name: 'li.na', role: 'agent', locale: 'zh-TW' } });
    // no role: the policy's lowest-ranked role (whatever the policy calls it), not a name fixed in code
    expect((await get({ 'x-complaint-desk-key': SECRET, 'x-complaint-desk-agent': 'li.na', 'x-complaint-desk-locale': 'fr' })).body).toEqual({ id: 'li.na', name: 'li.na', role: 'front_desk', locale: 'zh-CN' });
  });

  it('answers 401 with the reason otherwise', async () => {
    expect((await get({})).status).toBe(401);
    expect((await get({ 'x-complaint-desk-key': 'nope-nope-nope-nope', 'x-complaint-desk-agent': 'x' })).body.error.code).toBe('unauthorized');
    expect((await get({ 'x-complaint-desk-key': SECRET })).body.error.message).toMatch(/X-Complaint-Desk-Agent/);
    const noSub = signHs256Jwt({ name: 'x', exp: NOW / 1000 + 60 }, SECRET);
    expect((await get({ authorization: `Bearer ${noSub}` })).body.error.message).toMatch(/sub/);
  });
});
