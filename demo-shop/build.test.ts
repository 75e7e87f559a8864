import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildShop } from './build.mjs';

it('emits a CSP that allows exactly the inline snippet every page carries, and the edge it names', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'vitrine-shop-'));
  await buildShop({ outDir, endpoint: 'https://edge.example' });
  const headers = readFileSync(join(outDir, '_headers'), 'utf8');
  const page = readFileSync(join(outDir, 'index.html'), 'utf8');
  const snippet = /<script>([\s\S]*?)<\/script>/.exec(page)![1];
  const hash = createHash('sha256').update(snippet).digest('base64');
  expect(headers).toContain(`'sha256-${hash}'`);
  expect(headers).toMatch(/connect-src 'self' https:\/\/edge\.example;/);
  expect(headers).toContain("frame-ancestors 'none'");
  expect(headers).not.toContain('unsafe-eval');
}, 60_000);
