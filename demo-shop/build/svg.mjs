// Small helpers shared by the image generators: every image is drawn from product data
// at build time, so the shop needs nothing from the internet.

/** Text for SVG/XML content and attribute values. */
export function esc(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A stable small number from a string, so a product always gets the same colours. */
export function hash(text) {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
  return h >>> 0;
}

export function pick(list, key) {
  return list[hash(key) % list.length];
}

/** Greedy word wrap to lines of at most `width` characters (a long word gets a line of its own). */
export function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? line + ' ' + word : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lines of text centred on x, starting at baseline y. */
export function textLines(lines, { x, y, size, lineHeight = 1.15, attrs = '' }) {
  return lines
    .map((l, i) => `<text x="${x}" y="${(y + i * size * lineHeight).toFixed(1)}" font-size="${size}" text-anchor="middle" ${attrs}>${esc(l)}</text>`)
    .join('');
}

export function svg(width, height, body, title) {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img"><title>${esc(title)}</title>${body}</svg>\n`;
}

export const SANS = `font-family="'Helvetica Neue', Helvetica, Arial, sans-serif"`;
export const SERIF = `font-family="Georgia, 'DejaVu Serif', serif"`;
export const CONDENSED = `font-family="'Arial Narrow', 'DejaVu Sans Condensed', Impact, sans-serif"`;
