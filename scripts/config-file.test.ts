import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConfigFile, formatProblems } from './config-file.js';

const dir = mkdtempSync(join(tmpdir(), 'vitrine-config-file-'));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('checkConfigFile', () => {
  it('explains an unreadable file instead of throwing', () => {
    const { problems, config } = checkConfigFile(join(dir, 'missing.json'));
    expect(config).toBeUndefined();
    expect(problems).toEqual([{ severity: 'error', path: [], message: expect.stringMatching(/^cannot read file: /) }]);
  });

  it('warns about a key written twice, which JSON.parse would silently resolve to the last', () => {
    const path = file('twice.json', '{\n  "site": "shop",\n  "segments": [],\n  "segments": [{"id": "a", "when": {"context.source": "email"}}]\n}\n');
    const { problems, config } = checkConfigFile(path);
    expect(config?.segments).toHaveLength(1);
    expect(formatProblems(path, problems).split('\n')).toEqual([
      `${path}:4:3  segments  warning: key "segments" is written twice in this object: only the last one counts`,
      `${path}:4:17  segments[0].id  warning: segment "a" is used by no rule, slot, experiment, persona, audience or journey (decide still lists it in "segments")`,
    ]);
  });

  it('suggests the closest allowed value for a value outside an enum of the schema', () => {
    const path = file('enum.json', '{"site": "shop", "slots": {"also": {"recommendations": {"strategies": ["also-bougth"]}}}}');
    const { problems } = checkConfigFile(path);
    expect(formatProblems(path, problems)).toMatch(/^.*:1:72  slots\.also\.recommendations\.strategies\[0\]  Invalid option: .*; did you mean "also-bought"\?$/);
  });
});
