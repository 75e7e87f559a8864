/**
 * Writes everything generated from the schemas: the config's JSON Schema, the rule view's
 * fast reads of attribute names, and the README's attribute table. Tests fail when any of
 * them is out of step (scripts/generated.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { attributeNamesSource } from './attribute-names-source.js';
import { withAttributeTable } from './attribute-table.js';
import { configJsonSchema } from './json-schema.js';

const at = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const outputs: [string, (current: string) => string][] = [
  ['shared/vitrine.schema.json', () => configJsonSchema()],
  ['shared/rules/attribute-names.ts', () => attributeNamesSource()],
  ['README.md', (current) => withAttributeTable(current)],
];
for (const [path, make] of outputs) {
  const current = readFileSync(at(path), 'utf8');
  const next = make(current);
  if (next === current) continue;
  writeFileSync(at(path), next);
  console.log(`wrote ${path}`);
}
