/**
 * `{{path}}` and `{{path|fallback}}` in copy: the syntax the edge fills from the attribute
 * tree and the config checks read, so both agree on what a placeholder is.
 */
export const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*(?:\|([^}]*))?\}\}/g;

/** The attribute paths the placeholders of `text` name, in order. */
export function placeholderPaths(text: string): string[] {
  if (!text.includes('{{')) return [];
  return Array.from(text.matchAll(PLACEHOLDER), (match) => match[1]);
}
