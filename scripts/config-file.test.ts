import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile, formatIssues } from './config-file.js';
import { configJsonSchema } from './json-schema.js';
import { readFileSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-cli-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('config CLI checks', () => {
  it('names file, line and JSON path of every problem', () => {
    const path = file(
      'bad.json',
      `{
  "site": "demo",
  "segments": [
    {"id": "a", "when": {"rfm.r": {"$gtt": 3}}}
  ],
  "slots": {
    "hero": {"default": {"headline": "Hi", "cta": {"label": "Go", "href": "javascript:alert(1)"}}}
  }
}`,
    );
    const { text, result } = checkConfigFile(path);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const out = formatIssues(path, text, result.issues);
    expect(out).toContain(`${path}:7  slots.hero.default.cta.href  only http(s) and relative URLs are allowed`);
  });

  it('reports rule errors with the operator path and its line', () => {
    const path = file('rules.json', `{\n  "site": "demo",\n  "segments": [\n    {"id": "a", "when": {"rfm.r": {"$gtt": 3}}}\n  ]\n}`);
    const { text, result } = checkConfigFile(path);
    if (result.ok) throw new Error('expected problems');
    expect(formatIssues(path, text, result.issues)).toMatch(new RegExp(`${path}:4  segments\\[0\\]\\.when\\["rfm\\.r"\\]\\.\\$gtt  `));
  });

  it('explains unreadable files and broken JSON instead of throwing', () => {
    expect(checkConfigFile(join(dir, 'missing.json')).result).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/cannot read file/) }] });
    expect(checkConfigFile(file('broken.json', '{"site": ')).result).toMatchObject({ ok: false, issues: [{ message: expect.stringMatching(/not valid JSON/) }] });
  });

  it('keeps the committed JSON Schema in step with the zod schema', () => {
    const committed = readFileSync(new URL('../shared/vitrine.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(configJsonSchema());
  });
});
