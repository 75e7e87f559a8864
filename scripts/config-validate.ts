import { webhookNames } from '../shared/journeys/compile.js';
import { checkConfigFile, formatIssues } from './config-file.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run config:validate -- <config.json> [more.json]');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const { text, result } = checkConfigFile(file);
  if (result.ok) {
    const c = result.config;
    console.log(`${file}: valid — ${c.segments.length} segments, ${c.personas.length} personas, ${Object.keys(c.slots).length} slots, ${c.experiments.length} experiments`);
    // Webhooks live in the edge's registry, which this offline check cannot see.
    const hooks = webhookNames(c);
    if (hooks.length) console.warn(`${file}: warning: journeys send to webhook${hooks.length === 1 ? '' : 's'} ${hooks.map((h) => `"${h}"`).join(', ')}; not checked here — the edge refuses the push if one is not registered (GET /admin/sites/${c.site}/webhooks)`);
  } else {
    failed = true;
    console.error(`${file}: ${result.issues.length} problem${result.issues.length === 1 ? '' : 's'}\n${formatIssues(file, text, result.issues)}`);
  }
}
process.exit(failed ? 1 : 0);
