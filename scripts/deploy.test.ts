import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

// Nothing here can reach Cloudflare; a dry run proves the Worker bundles for production.
it('bundles for production far under the Workers size limit (3 MB gzip on the free plan)', () => {
  const out = mkdtempSync(join(tmpdir(), 'vitrine-deploy-'));
  const log = execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  });
  expect(log).toContain('--dry-run: exiting now.');
  expect(log).toMatch(/env\.SITE_STATS \(SiteStats\)\s+Durable Object/);
  const bundle = readFileSync(join(out, 'index.js'));
  const gzip = gzipSync(bundle).length;
  console.log(`worker bundle: ${bundle.length} B minified, ${gzip} B gzip`);
  expect(gzip).toBeLessThan(300 * 1024);
}, 60_000);
