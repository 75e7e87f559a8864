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

export function fillContent(content: Content, attrs: Attributes): Content {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(content)) {
    if (typeof value === 'string') out[key] = fillTemplate(value, attrs);
    else if (key === 'image' && content.image) out.image = { ...content.image, alt: fillTemplate(content.image.alt, attrs) };
    else if (key === 'cta' && content.cta) out.cta = { ...content.cta, label: fillTemplate(content.cta.label, attrs) };
    else out[key] = value;
  }
  return out as Content;
}

function lookup(attrs: Attributes, path: string): unknown {
  let node: unknown = attrs;
  for (const key of path.split('.')) {
    if (BLOCKED.has(key) || node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
