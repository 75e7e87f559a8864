/**
 * `npm run bench`: every budget, each next to its peer where one exists, in one run.
 * Each bench is its own script (runnable alone with `npx tsx bench/<name>.ts`); this runs
 * them one after another so they do not compete for the two cores.
 *   npm run bench                 all but the load test
 *   npm run bench -- rules decide only these
 *   npm run bench -- --load       also the 15 s loopback load test against wrangler dev
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const ALL = ['sdk-size', 'rules', 'decide', 'recs-quality', 'catalog-upload', 'feed', 'personas', 'sdk-paint', 'hero-paint', 'proxy', 'journeys', 'audiences'];
const args = process.argv.slice(2);
const picked = args.filter((a) => !a.startsWith('--'));
const names = [...(picked.length ? picked : ALL), ...(args.includes('--load') ? ['load'] : [])];

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`);
if (!existsSync('dist/public/sdk.js')) spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
let failed = 0;
for (const name of names) {
  const file = `bench/${name}.ts`;
  if (!existsSync(file)) {
    console.log(`\n## ${name}: missing (${file})`);
    failed++;
    continue;
  }
  console.log(`\n## ${name}`);
  const started = Date.now();
  const run = spawnSync('npx', ['tsx', file], { stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s${run.status ? `, exit ${run.status}` : ''})`);
  if (run.status) failed++;
}
process.exit(failed ? 1 : 0);
