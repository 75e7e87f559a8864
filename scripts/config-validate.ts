import { webhookNames } from '../shared/journeys/compile.js';
import { parseArgs } from './cli-args.js';
import { checkConfigFile, countProblems, formatProblems, readCatalogCategories } from './config-file.js';

const USAGE = 'usage: npm run config:validate -- <config.json> [more.json] [--catalog catalog.json]';
const { files, values, unknown } = parseArgs(process.argv.slice(2), ['catalog']);
if (files.length === 0 || unknown.length > 0) {
  console.error(unknown.length > 0 ? `unknown option ${unknown[0]}\n${USAGE}` : USAGE);
  process.exit(2);
}
let catalogCategories: string[] | undefined;
const catalog = values.get('catalog');
if (catalog) {
  try {
    catalogCategories = readCatalogCategories(catalog);
  } catch (error) {
    console.error(`cannot read the catalog: ${(error as Error).message}`);
    process.exit(2);
  }
}

let failed = false;
for (const file of files) {
  const { config, problems } = checkConfigFile(file, { catalogCategories });
  const list = problems.length > 0 ? `\n${formatProblems(file, problems)}` : '';
  if (config) {
    const summary = `${config.segments.length} segments, ${config.personas.length} personas, ${Object.keys(config.slots).length} slots, ${config.experiments.length} experiments`;
    console.log(`${file}: valid — ${summary}${problems.length > 0 ? `; ${countProblems(problems)}` : ''}${list}`);
    // Webhooks live in the edge's registry, which this offline check cannot see.
    const hooks = webhookNames(config);
    if (hooks.length) console.warn(`${file}: warning: journeys send to webhook${hooks.length === 1 ? '' : 's'} ${hooks.map((h) => `"${h}"`).join(', ')}; not checked here — the edge refuses the push if one is not registered (GET /admin/sites/${config.site}/webhooks)`);
  } else {
    failed = true;
    console.error(`${file}: ${countProblems(problems)}${list}`);
  }
}
process.exit(failed ? 1 : 0);
