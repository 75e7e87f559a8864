/**
 * The Worker as it ships, for benches in workerd: the production bundle from `wrangler
 * deploy --dry-run`, and Miniflare options with wrangler.toml's bindings (KV, the Durable
 * Objects, the delivery queues).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerOptions } from 'miniflare';

/** The bundled Worker's source; the temp dir it was built in is gone already. */
export function edgeBundle(): string {
  const out = mkdtempSync(join(tmpdir(), 'vitrine-bench-'));
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], { stdio: 'ignore', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
    return readFileSync(join(out, 'index.js'), 'utf8');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function edgeWorker(script: string, bindings: Record<string, string>): WorkerOptions {
  return {
    modules: true,
    script,
    compatibilityDate: '2026-04-01',
    compatibilityFlags: ['nodejs_compat'],
    kvNamespaces: ['KV'],
    durableObjects: {
      SITE_STATS: { className: 'SiteStats', useSQLite: true },
      VISITOR_STATE: { className: 'VisitorShard', useSQLite: true },
      ADMIN_GUARD: { className: 'AdminGuard', useSQLite: true },
      CODE_LEDGER: { className: 'CodeLedger', useSQLite: true },
    },
    queueProducers: { DELIVERIES: { queueName: 'vitrine-deliveries' } },
    queueConsumers: {
      'vitrine-deliveries': { maxBatchSize: 100, maxBatchTimeout: 1, maxRetries: 9, deadLetterQueue: 'vitrine-deliveries-dead' },
      'vitrine-deliveries-dead': { maxBatchSize: 10, maxBatchTimeout: 5 },
    },
    bindings,
  };
}
