/**
 * Escapes text for HTML element content and quoted attribute values. Everything a marketer
 * typed (experiment ids, hypotheses, segment names) passes through here before it meets HTML.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
