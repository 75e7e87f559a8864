import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from './cli-args.js';
import { checkConfigFile, countProblems, formatProblems, locateProblems, readCatalogCategories, type Problem } from './config-file.js';

/** Validates locally first (every problem, with lines), then PUTs to the admin API. */
const USAGE = 'usage: npm run config:push -- <config.json> [--url http://127.0.0.1:8787] [--token …] [--catalog catalog.json]';
const { files, values, unknown } = parseArgs(process.argv.slice(2), ['url', 'token', 'catalog']);
if (files.length !== 1 || unknown.length > 0) {
  console.error(unknown.length > 0 ? `unknown option ${unknown[0]}\n${USAGE}` : USAGE);
  process.exit(2);
}
const file = files[0];
const url = values.get('url') ?? process.env.VITRINE_URL ?? 'http://127.0.0.1:8787';
const token = values.get('token') ?? process.env.ADMIN_TOKEN ?? devToken();
const catalog = values.get('catalog');

let catalogCategories: string[] | undefined;
try {
  catalogCategories = catalog ? readCatalogCategories(catalog) : undefined;
} catch (error) {
  console.error(`cannot read the catalog: ${(error as Error).message}`);
  process.exit(2);
}
const { text, config, problems } = checkConfigFile(file, { catalogCategories });
if (!config) {
  console.error(`${file}: not pushed, ${countProblems(problems)}\n${formatProblems(file, problems)}`);
  process.exit(1);
}
const res = await fetch(`${url}/admin/sites/${config.site}/config`, {
  method: 'PUT',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: text,
}).catch((error: Error) => {
  console.error(`cannot reach ${url}: ${error.message}`);
  process.exit(1);
});
type Issues = { path: (string | number)[]; message: string }[];
const body = (await res.json().catch(() => ({}))) as { version?: string; error?: string; issues?: Issues; warnings?: Issues };
if (!res.ok) {
  const found = body.issues ? locateProblems(text, 'error', body.issues) : [];
  console.error(`${file}: ${res.status} ${body.error ?? ''}${found.length > 0 ? `\n${formatProblems(file, found)}` : ''}`);
  process.exit(1);
}
// The edge's warnings know its catalog; local ones may know one given with --catalog.
const warnings = unique([...problems, ...locateProblems(text, 'warning', body.warnings ?? [])]);
console.log(`${file}: pushed to ${url} as version ${body.version}${warnings.length > 0 ? `; ${countProblems(warnings)}\n${formatProblems(file, warnings)}` : ''}`);

function unique(list: Problem[]): Problem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${JSON.stringify(p.path)} ${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function devToken(): string | undefined {
  if (!existsSync('.dev.vars')) return undefined;
  return /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]?.trim();
}
