/** Stands in for codemirror-json-schema's parser index: JSON only, without the YAML and JSON5 parsers (about 140 KB). */
// @ts-expect-error resolved by studio/build.mjs to the package's own JSON parser
import { parseJSONDocumentState } from 'codemirror-json-schema/json-parser';

export const getDefaultParser = () => parseJSONDocumentState;
