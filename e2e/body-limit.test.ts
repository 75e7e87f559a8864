import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../shared/schema/limits.js';
import { pushConfig, startEdge, type Edge } from './harness.js';

/**
 * Finding 12 of issue 13, against `wrangler dev` (where it showed): a body over the limit
 * answered 413 while the client was still sending, and the next request on the same
 * Worker got 503 "Your worker restarted mid-request".
 */
const SITE = 'body-limit';
let edge: Edge;

/** A raw POST: chunked (no Content-Length) or with a declared length, written in one go as curl does. */
function postRaw(path: string, body: Buffer, framing: 'chunked' | 'content-length'): Promise<number> {
  return new Promise((done, fail) => {
    const headers = { 'content-type': 'text/plain', ...(framing === 'chunked' ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }) };
    const req = request(`${edge.url}${path}`, { method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode!));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const normalCollect = () =>
  fetch(`${edge.url}/v1/collect`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ site: SITE, visitor: 'visitor-body-limit', consent: { analytics: true, personalization: true }, events: [{ id: `evt-${Math.random()}`, name: 'page_view', ts: Date.now() }] }),
  }).then((r) => r.status);

beforeAll(async () => {
  edge = await startEdge();
  await pushConfig(edge.url, { site: SITE, origins: [] });
});
afterAll(() => edge?.dispose());

describe('body limits under wrangler dev', () => {
  it.each([
    ['chunked, just over the limit', 'chunked', LIMITS.collectBodyBytes + 40_000],
    ['chunked, 3 MB', 'chunked', 3_000_000],
    ['declared, 3 MB', 'content-length', 3_000_000],
  ] as const)('%s: 413, and the next request on the same Worker is answered 200', async (_, framing, size) => {
    expect(await postRaw('/v1/collect', Buffer.alloc(size, 'x'), framing)).toBe(413);
    expect(await normalCollect()).toBe(200);
  });
});
