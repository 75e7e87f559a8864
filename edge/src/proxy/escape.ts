/** Text as HTML text: escaped exactly once, where it meets HTML. */
export const escapeText = (text: string) => text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));

/** A value for a double-quoted attribute. */
export const escapeAttr = (value: string) => value.replace(/[&"]/g, (c) => (c === '&' ? '&amp;' : '&quot;'));
