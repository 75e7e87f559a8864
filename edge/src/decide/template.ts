import type { Attributes } from '../../../shared/rules/compile.js';
import type { Content } from '../../../shared/schema/content.js';

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*(?:\|([^}]*))?\}\}/g;
const BLOCKED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Fills `{{path}}` and `{{path|fallback}}` from the attribute tree. The result is plain
 * text: nothing is escaped here (renderers insert it as text), and a filled-in value is
 * never scanned again, so a trait holding "{{…}}" cannot pull other attributes out.
 */
export function fillTemplate(text: string, attrs: Attributes): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_m, path: string, fallback?: string) => {
    const value = lookup(attrs, path);
    if (value === undefined || value === null || value === '') return fallback?.trim() ?? '';
    if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
    if (typeof value === 'string' || typeof value === 'boolean') return String(value);
    if (Array.isArray(value)) return value.filter((v) => typeof v !== 'object').join(', ');
    return fallback?.trim() ?? '';
  });
}

/**
 * Fills every text of a content object: its strings, and the `alt` of every image and the
 * `label` of every link, named fields and extra ones alike. URLs (`src`, `href`) are never
 * filled: a visitor-set trait must not choose where a link goes or what an image loads.
 */
export function fillContent(content: Content, attrs: Attributes): Content {
  return Object.fromEntries(Object.entries(content).map(([key, value]) => [key, fillValue(value, attrs)])) as Content;
}

const URL_FIELDS = new Set(['src', 'href']);

function fillValue(value: unknown, attrs: Attributes): unknown {
  if (typeof value === 'string') return fillTemplate(value, attrs);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, typeof v === 'string' && !URL_FIELDS.has(key) ? fillTemplate(v, attrs) : v]),
  );
}

function lookup(attrs: Attributes, path: string): unknown {
  let node: unknown = attrs;
  for (const key of path.split('.')) {
    if (BLOCKED.has(key) || node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
