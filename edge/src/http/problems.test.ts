import { SELF } from 'cloudflare:test';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { post } from '../testing/fixtures.js';
import { fail, renderError } from './problems.js';

const get = (path: string, headers: Record<string, string> = {}) => SELF.fetch(new Request(`https://edge.example${path}`, { headers }));

describe('one rendering of every error', () => {
  it.each([
    ['an unknown route', () => get('/nope'), 404, { error: 'not found' }],
    ['a body that is not JSON', () => SELF.fetch(post('/v1/decide', '{"site":')), 400, { error: 'body is not valid JSON', issues: [{ path: [], message: expect.any(String) }] }],
    ['a request the schema refuses', () => SELF.fetch(post('/v1/forget', { site: 'x' })), 400, { error: 'invalid request', issues: [expect.objectContaining({ path: ['visitor'] })] }],
    ['an admin call without a token', () => get('/admin/sites/x/config'), 401, { error: 'admin token missing or wrong' }],
  ])('%s: {error, issues?} with its status', async (_, send, status, body) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual(body);
  });

  it('carries the headers a thrown problem names', async () => {
    const res = await get('/admin/sites/x/config');
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="vitrine-admin"');
  });

  // A tiny app with the same onError: what Hono built-ins and bugs turn into.
  const app = new Hono()
    .get('/builtin', () => {
      throw new HTTPException(401, { message: 'Unauthorized', res: new Response('Unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="x"' } }) });
    })
    .get('/problem', () => fail(429, 'slow down', [{ path: ['a', 0], message: 'too many' }], { 'Retry-After': '7' }))
    .get('/bug', () => {
      throw new TypeError('secret detail');
    });
  app.onError(renderError);

  it('renders an HTTPException of a Hono built-in as JSON, keeping its headers', async () => {
    const res = await app.request('/builtin');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="x"');
    expect(await res.json()).toEqual({ error: 'Unauthorized' });
  });

  it('renders a thrown problem with issues and Retry-After', async () => {
    const res = await app.request('/problem');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ error: 'slow down', issues: [{ path: ['a', 0], message: 'too many' }] });
  });

  it('answers a bug with 500 and no detail', async () => {
    const res = await app.request('/bug');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal error' });
  });
});
