/**
 * Stands in for codemirror-json-schema's markdown renderer (markdown-it plus Shiki, about
 * 300 KB): hover and completion docs are shown as plain text. Its callers assign the
 * result to innerHTML, so it is escaped here.
 */
export function renderMarkdown(text: string): string {
  return String(text).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
