import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi, tokenMatches } from '@tierdesk/api';
import { DEFAULT_CONFIG_PATH, loadEnv, parseConfig } from '@tierdesk/config';
import { createLogger } from '@tierdesk/logger';
import { createRuntime, type Runtime } from '@tierdesk/runtime';
// The plugin lists `tierdesk start` uses, so every route the product registers is enumerated.
import { apiPlugins, publicApiPlugins } from '../../packages/cli/src/plugins.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `tdtest-${randomBytes(4).toString('hex')}`;
const TOKEN = randomBytes(24).toString('base64url');

interface Route {
  method: string;
  url: string;
}

let rt: Runtime;
let app: FastifyInstance;
const routes: Route[] = [];

/** A concrete URL for a route pattern: parameters and wildcards get harmless values. */
function concrete(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+/g, 'TD-1').replace(/\*/g, 'x');
}

/** CONTRACT §4 puts /api and /admin behind the token; /metrics is behind it too. */
const guarded = (r: Route) => /^\/(api|admin|metrics)(\/|$)/.test(r.url);

/** Every way of not having the token. */
const WRONG: Array<[string, Record<string, string>]> = [
  ['no Authorization header', {}],
  ['an empty bearer', { authorization: 'Bearer ' }],
  ['a wrong bearer', { authorization: `Bearer ${randomBytes(24).toString('base64url')}` }],
  ['the token with one character more', { authorization: `Bearer ${TOKEN}x` }],
  ['the token minus its last character', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
  ['the token in another case', { authorization: `Bearer ${TOKEN.toUpperCase() === TOKEN ? TOKEN.toLowerCase() : TOKEN.toUpperCase()}` }],
  ['another scheme with the token', { authorization: `Token ${TOKEN}` }],
  ['HTTP Basic with a wrong password', { authorization: `Basic ${Buffer.from('admin:wrong').toString('base64')}` }],
  ['the token as a query parameter only', {}],
];

describe('every /api and /admin route refuses a missing or wrong token', () => {
  beforeAll(async () => {
    const env = loadEnv({ REDIS_URL, TIERDESK_PREFIX: prefix, API_TOKEN: TOKEN, TIERDESK_OUTBOX: mkdtempSync(join(tmpdir(), 'td-sec-')) }, process.cwd());
    const config = parseConfig(JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8')));
    rt = await createRuntime({ env, config, logger: createLogger({ level: 'silent' }), relay: false });
    const collect = (a: FastifyInstance) => {
      a.addHook('onRoute', (r) => {
        for (const method of ([] as HTTPMethods[]).concat(r.method)) routes.push({ method, url: r.url });
      });
    };
    app = await buildApi(rt, { services: () => [], ready: () => true, plugins: apiPlugins(), publicPlugins: [collect, ...publicApiPlugins()] });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.unlink(...keys);
    redis.disconnect();
  });

  it('finds the routes of CONTRACT §4 and the admin pages among them', () => {
    const names = new Set(routes.map((r) => `${r.method} ${r.url}`));
    for (const r of ['POST /api/messages', 'GET /api/tickets', 'GET /api/tickets/:id', 'GET /api/stats', 'POST /api/tickets/:id/escalate', 'POST /api/tickets/:id/reply', 'POST /api/tickets/:id/resolve', 'POST /api/tickets/:id/priority', 'POST /api/tickets/:id/callback', 'POST /api/tickets/:id/consent', 'POST /api/tickets/:id/vendor', 'POST /api/tickets/:id/triage']) {
      expect(names, r).toContain(r);
    }
    expect(routes.some((r) => r.url.startsWith('/admin/queues'))).toBe(true);
    expect(names).toContain('GET /metrics');
    expect(routes.filter(guarded).length).toBeGreaterThan(15);
  });

  it.each(WRONG)('refuses %s on every route with 401 UNAUTHORIZED', async (how, headers) => {
    const failures: string[] = [];
    for (const r of routes.filter(guarded)) {
      const url = concrete(r.url) + (how.includes('query') ? `?token=${TOKEN}&access_token=${TOKEN}` : '');
      const res = await app.inject({ method: r.method as HTTPMethods, url, headers: { ...headers, 'content-type': 'application/json' }, payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : '{}' });
      const body = r.method === 'HEAD' ? null : (res.json() as { error?: { code?: string } });
      if (res.statusCode !== 401 || (body && body.error?.code !== 'UNAUTHORIZED')) failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('lets the right token through on every route (the refusals above are the token, not the route)', async () => {
    const refused: string[] = [];
    for (const r of routes.filter(guarded)) {
      const res = await app.inject({ method: r.method as HTTPMethods, url: concrete(r.url), headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, payload: r.method === 'GET' || r.method === 'HEAD' ? undefined : '{}' });
      if (res.statusCode === 401) refused.push(`${r.method} ${r.url}`);
    }
    expect(refused).toEqual([]);
  });

  it('leaves only the public pages outside the token: health, readiness and pages that check their own signed links or sessions', () => {
    const open = [...new Set(routes.filter((r) => !guarded(r)).map((r) => r.url))].sort();
    for (const url of open) expect(url, `unexpected public route ${url}`).toMatch(/^\/(consent|console)(\/|$)/);
  });
});

describe('token comparison', () => {
  const token = 'c2VjcmV0LXRva2VuLXdpdGgtMzItYnl0ZXMtb2YtZW50cm9weQ';

  it('accepts exactly the token', () => {
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(`${token}`.slice(0), token)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['a prefix', token.slice(0, 10)],
    ['all but the last character', token.slice(0, -1)],
    ['one character more', `${token}A`],
    ['the last character changed', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
    ['another case', token.toUpperCase()],
    ['with spaces around', ` ${token} `],
    ['a thousand times longer', token.repeat(1000)],
    ['non-ASCII', `${token.slice(0, -1)}é`],
  ])('refuses %s, without throwing whatever its length', (_name, given) => {
    expect(tokenMatches(given, token)).toBe(false);
  });

  it('compares fixed-size digests with crypto.timingSafeEqual (no early exit on the first differing byte, no length leak)', () => {
    // timingSafeEqual throws on inputs of different lengths, so only digests can be compared here;
    // the source shows both sides are hashed first.
    const source = readFileSync(new URL('../../services/api/src/auth.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/timingSafeEqual\(a, b\)/);
    expect(source).toMatch(/createHash\('sha256'\)\.update\(given\)/);
    expect(source).not.toMatch(/given\s*===\s*expected|expected\s*===\s*given/);
    for (let n = 0; n < 300; n += 7) expect(() => tokenMatches('x'.repeat(n), token)).not.toThrow();
  });
});
