import { describe, expect, it } from 'vitest';
import { isLocalDev, webhookUrlProblem } from './webhook-url.js';

describe('webhookUrlProblem', () => {
  it.each<[string, boolean, string | null]>([
    ['https://hooks.example/vitrine', false, null],
    ['https://hooks.example:8443/x?y=1', false, null],
    ['http://hooks.example/vitrine', false, 'only https: URLs are accepted'],
    ['http://hooks.example/vitrine', true, 'only https: URLs are accepted'],
    ['http://127.0.0.1:8790/demo/outbox', true, null],
    ['http://localhost:9000/hook', true, null],
    ['http://[::1]:9000/hook', true, null],
    ['https://127.0.0.1/hook', true, null],
    ['http://127.0.0.1:8790/demo/outbox', false, 'loopback addresses are accepted only in local development (wrangler dev)'],
    ['https://localhost/hook', false, 'loopback addresses are accepted only in local development (wrangler dev)'],
    ['https://user:pass@hooks.example/', false, 'a webhook URL may not carry a user name or password'],
    ['ftp://hooks.example/', false, 'only https: URLs are accepted'],
    ['javascript:alert(1)', false, 'only https: URLs are accepted'],
    ['/relative', false, 'not a URL'],
  ])('%s (local dev: %s)', (url, dev, problem) => expect(webhookUrlProblem(url, dev)).toBe(problem));

  it('knows local development only by VITRINE_DEV=1', () => {
    expect([isLocalDev({ VITRINE_DEV: '1' }), isLocalDev({}), isLocalDev({ VITRINE_DEV: 'true' })]).toEqual([true, false, false]);
  });
});
