import type { z } from 'zod';
import { ProductPatchSchema, ProductSchema, type Product, type ProductPatch } from '../../../shared/schema/catalog.js';

/** One rejected product: `line` is the NDJSON line, or array index + 1 for a JSON array; 0 = the whole body. */
export interface CatalogIssue {
  line: number;
  path: string;
  message: string;
}

export interface ParsedCatalog<T> {
  products: T[];
  /** At most MAX_ISSUES entries, so a wholly broken 100,000-line feed gives a readable answer. */
  issues: CatalogIssue[];
  /** How many products were rejected, including those beyond the issues shown. */
  rejected: number;
}

export const MAX_ISSUES = 100;

/**
 * Reads a catalog upload: a JSON array when the body starts with `[`, otherwise NDJSON
 * (blank lines skipped). Each product is validated on its own so one bad line names itself
 * and the rest are still returned; whether to keep them is the caller's choice. A repeated
 * id is an issue on the later line: silently letting the later one win would hide feed bugs.
 */
export function parseCatalog(body: string, options: { patch: true }): ParsedCatalog<ProductPatch>;
export function parseCatalog(body: string, options?: { patch?: false }): ParsedCatalog<Product>;
export function parseCatalog(body: string, options: { patch?: boolean } = {}): ParsedCatalog<Product | ProductPatch> {
  const schema: z.ZodType<Product | ProductPatch> = options.patch ? ProductPatchSchema : ProductSchema;
  const result: ParsedCatalog<Product | ProductPatch> = { products: [], issues: [], rejected: 0 };
  const reject = (line: number, path: string, message: string) => {
    result.rejected++;
    if (result.issues.length < MAX_ISSUES) result.issues.push({ line, path, message });
  };

  const firstLineOf = new Map<string, number>();
  const accept = (line: number, value: unknown) => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      reject(line, first.path.join('.'), first.message);
      return;
    }
    const seen = firstLineOf.get(parsed.data.id);
    if (seen !== undefined) return reject(line, 'id', `duplicate id "${parsed.data.id}", first on line ${seen}`);
    firstLineOf.set(parsed.data.id, line);
    result.products.push(parsed.data);
  };

  for (const [line, value] of entries(body, reject)) accept(line, value);
  return result;
}

function* entries(body: string, reject: (line: number, path: string, message: string) => void): Generator<[number, unknown]> {
  if (body.trimStart().startsWith('[')) {
    let array: unknown[];
    try {
      array = JSON.parse(body) as unknown[];
    } catch (error) {
      return reject(0, '', `not valid JSON: ${(error as Error).message}`);
    }
    for (let i = 0; i < array.length; i++) yield [i + 1, array[i]];
    return;
  }
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (!text) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      reject(i + 1, '', `not valid JSON: ${(error as Error).message}`);
      continue;
    }
    yield [i + 1, value];
  }
}
