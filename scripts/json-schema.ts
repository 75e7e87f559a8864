import { z } from 'zod';
import { ConfigSchema } from '../shared/schema/config.js';

/**
 * The marketer's JSON Schema, generated from the zod schema (never hand-kept), describing
 * what may be written (input side: defaults make fields optional). Editors use it through
 * the config's `$schema` for autocompletion and red squiggles as marketers type.
 */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://vitrine.dev/vitrine.schema.json', title: 'Vitrine site config' }, null, 2)}\n`;
}
