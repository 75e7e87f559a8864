import { readFileSync, existsSync } from 'node:fs';
import { checkConfigFile, formatIssues } from './config-file.js';

/** Validates locally first (with line numbers), then PUTs to the admin API. */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const file = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
if (!file) {
  console.error('usage: npm run config:push -- <config.json> [--url http://127.0.0.1:8787] [--token …]');
  process.exit(2);
}
const url = arg('url') ?? process.env.VITRINE_URL ?? 'http://127.0.0.1:8787';
const token = arg('token') ?? process.env.ADMIN_TOKEN ?? devToken();

const { text, result } = checkConfigFile(file);
if (!result.ok) {
  console.error(`${file}: not pushed, ${result.issues.length} problem(s)\n${formatIssues(file, text, result.issues)}`);
  process.exit(1);
}
const res = await fetch(`${url}/admin/sites/${result.config.site}/config`, {
  method: 'PUT',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  body: text,
}).catch((error: Error) => {
  console.error(`cannot reach ${url}: ${error.message}`);
  process.exit(1);
});
const body = (await res.json().catch(() => ({}))) as { version?: string; error?: string; issues?: { path: (string | number)[]; message: string }[] };
if (!res.ok) {
  console.error(`${file}: ${res.status} ${body.error ?? ''}${body.issues ? `\n${formatIssues(file, text, body.issues)}` : ''}`);
  process.exit(1);
}
console.log(`${file}: pushed to ${url} as version ${body.version}`);

function devToken(): string | undefined {
  if (!existsSync('.dev.vars')) return undefined;
  return /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]?.trim();
}
