import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_CATEGORIES, MISTAKES, base, withMistake, type Mistake } from '../shared/config/mistakes.js';
import { readJson } from './json-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
const root = new URL('..', import.meta.url).pathname;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const catalog = file('catalog.json', JSON.stringify(CATALOG_CATEGORIES.map((category, i) => ({ id: `p${i}`, name: `P${i}`, category, price: 10 }))));

/** Runs a config script as `npm run` does; resolves with its exit code and output. */
function run(script: string, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(root, 'scripts', script), ...args], { cwd: root }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: stdout + stderr }),
    );
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The problem line of `mistake` in `out`, checked to point at the place in `text` it names. */
function expectLine(out: string, path: string, text: string, mistake: Mistake): void {
  const prefix = mistake.severity === 'warning' ? 'warning: ' : '';
  const line = new RegExp(`^${escape(path)}:(\\d+):(\\d+)  ${escape(mistake.path)}  ${prefix}.*${escape(mistake.message)}`, 'm').exec(out);
  expect(line, `${mistake.name}\n${out}`).not.toBeNull();
  const at = text.split('\n')[Number(line![1]) - 1].slice(Number(line![2]) - 1);
  // A member is placed at its key, an element at its value: either way the text there names it.
  const [, quoted, index, plain] = /\[("(?:[^"\\]|\\.)*")\]$|\[(\d+)\]$|([^.[\]]+)$/.exec(mistake.path)!;
  expect(at, mistake.name).toMatch(/^\S/);
  if (index === undefined) expect(at.startsWith(quoted ?? `"${plain}"`), `${mistake.name}: ${at}`).toBe(true);
}

describe('npm run config:validate', () => {
  it('reports each mistake with file:line:column, its path and its suggestion; exit 1 on errors', async () => {
    const files = MISTAKES.map((mistake, i) => {
      const text = `${JSON.stringify(withMistake(mistake), null, 2)}\n`;
      return { mistake, text, path: file(`mistake-${i}.json`, text) };
    });
    const good = file('good.json', JSON.stringify(base(), null, 2));
    const { code, out } = await run('config-validate.ts', [good, ...files.map((f) => f.path), '--catalog', catalog]);
    expect(code).toBe(1);
    expect(out).toContain(`${good}: valid — 2 segments, 1 personas, 1 slots, 1 experiments\n`);
    for (const { mistake, text, path } of files) {
      expectLine(out, path, text, mistake);
      expect(out).toContain(mistake.severity === 'error' ? `${path}: 1 error, 0 warnings` : `${path}: valid — `);
    }
  }, 60_000);

  it('prints every problem at once: errors before warnings, each sorted by line; syntax errors with what was expected', async () => {
    const text = `{
  "site": "shop",
  "origins": ["not a url"],
  "segments": [
    {"id": "lonely", "when": {"context.sorce": "email"}},
    {"id": "a", "when": {"rfm.segment": {"$in": ["loyal", "champion"]}}}
  ],
  "personas": [{"id": "p", "name": "P", "when": {"segments": "a"}}],
  "slots": {"hero": {"default": {"headline": "Hi"}, "variants": [{"id": "v", "when": {"segments": "a"}, "content": {"headine": "{{cart.vlaue}}"}}]}}
}
`;
    const many = file('many.json', text);
    const comma = file('comma.json', '{\n  "site": "shop",\n  "segments": [],\n}\n');
    const { code, out } = await run('config-validate.ts', [many, comma]);
    expect(code).toBe(1);
    expect(out).toContain(
      [
        `${many}: 4 errors, 2 warnings`,
        `${many}:3:15  origins[0]  Invalid URL`,
        `${many}:5:31  segments[0].when["context.sorce"]  unknown attribute "context.sorce"; did you mean "context.source"?`,
        `${many}:6:59  segments[1].when["rfm.segment"].$in[1]  "champion" is not a value of rfm.segment (champions, loyal, potential-loyalists, new-customers, promising, need-attention, about-to-sleep, at-risk, cant-lose-them, hibernating, lost); did you mean "champions"?`,
        `${many}:9:117  slots.hero.variants[0].content.headine  {{cart.vlaue}}: unknown attribute "cart.vlaue"; did you mean "cart.value"?`,
        `${many}:5:6  segments[0].id  warning: segment "lonely" is used by no rule, slot, experiment, persona, audience or journey (decide still lists it in "segments")`,
        `${many}:9:117  slots.hero.variants[0].content.headine  warning: content key "headine" is not in the default content of slot "hero"; did you mean "headline"?`,
      ].join('\n'),
    );
    expect(out).toContain(`${comma}: 1 error, 0 warnings\n${comma}:4:1  (syntax)  expected a property name after ",", found "}"`);
  }, 60_000);

  it('exits 0 when there are only warnings, and prints them', async () => {
    const mistake = MISTAKES.find((m) => m.name === 'a variant content key the default does not have')!;
    const path = file('warned.json', JSON.stringify(withMistake(mistake), null, 2));
    const { code, out } = await run('config-validate.ts', [path]);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`${escape(path)}: valid — .*; 0 errors, 1 warning\\n${escape(path)}:\\d+:\\d+  slots\\.hero\\.variants\\[0\\]\\.content\\.headine  warning: `));
  }, 60_000);
});

describe('npm run config:push', () => {
  async function withEdge<T>(answer: (req: IncomingMessage, body: string) => [number, unknown], body: (url: string, requests: string[]) => Promise<T>): Promise<T> {
    const requests: string[] = [];
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        requests.push(`${req.method} ${req.url} ${req.headers.authorization}`);
        const [status, json] = answer(req, text);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      return await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests);
    } finally {
      server.close();
    }
  }

  it('pushes nothing when the file has errors', async () => {
    const path = file('push-bad.json', JSON.stringify(withMistake(MISTAKES[0]), null, 2));
    await withEdge(
      () => [201, { version: 'v1' }],
      async (url, requests) => {
        const { code, out } = await run('config-push.ts', [path, '--url', url, '--token', 't']);
        expect(code).toBe(1);
        expect(out).toMatch(new RegExp(`${escape(path)}: not pushed, 1 error, 0 warnings\\n${escape(path)}:\\d+:\\d+  segments\\[1\\]\\.when\\["rfm\\.segmnt"\\]  `));
        expect(requests).toEqual([]);
      },
    );
  }, 60_000);

  it("pushes a valid file and prints the edge's warnings at their lines", async () => {
    const text = JSON.stringify(base(), null, 2);
    const path = file('push-good.json', text);
    const edgeWarning = { path: ['segments', 0, 'when', 'categories.thrillers.views'], message: 'category "thrillers" appears in no product of the catalog' };
    await withEdge(
      (_req, body) => [body === text ? 201 : 400, { version: 'v7', warnings: [edgeWarning] }],
      async (url, requests) => {
        const { code, out } = await run('config-push.ts', [path, '--url', url, '--token', 'secret']);
        expect(requests).toEqual(['PUT /admin/sites/shop/config Bearer secret']);
        expect(code).toBe(0);
        const read = readJson(text);
        if (!read.ok) throw new Error('unreadable');
        const line = text.split('\n').findIndex((l) => l.includes('"categories.thrillers.views"')) + 1;
        expect(out).toContain(`${path}: pushed to ${url} as version v7; 0 errors, 1 warning\n${path}:${line}:`);
        expect(out).toContain(`  segments[0].when["categories.thrillers.views"]  warning: category "thrillers" appears in no product of the catalog`);
      },
    );
  }, 60_000);
});
