import { z } from 'zod';
import { ConditionSchema, ConfigSchema } from '../shared/schema/config.js';
import { conditionDefs } from './condition-schema.js';

/**
 * The marketer's JSON Schema, generated from the zod schema (never hand-kept), describing
 * what may be written (input side: defaults make fields optional). Editors use it through
 * the config's `$schema` for autocompletion and red squiggles as marketers type. Conditions
 * on visitors refer to `#/$defs/condition`, made from the attribute tree.
 */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(ConfigSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema !== ConditionSchema) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as Record<string, unknown>)[key];
      Object.assign(jsonSchema, { $ref: '#/$defs/condition' });
    },
  });
  const document = { ...schema, $id: 'https://vitrine.dev/vitrine.schema.json', title: 'Vitrine site config', $defs: conditionDefs() };
  return `${JSON.stringify(document, null, 2)}\n`;
}
