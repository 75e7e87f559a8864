/**
 * Line numbers of the values in a JSON text, by JSON path, so a CLI can say
 * "vitrine.config.json:42 slots.hero.variants[0].when" instead of a path alone.
 * A small recursive-descent reader: it trusts JSON.parse to have accepted the text.
 */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) if (text[i++] === '\n') line++;
  };
  const string = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: (string | number)[]) => {
    skip();
    lines.set(JSON.stringify(path), line);
    const ch = text[i];
    if (ch === '{') {
      i++;
      skip();
      while (text[i] !== '}') {
        const key = string();
        skip();
        i++; // colon
        value([...path, key]);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (ch === '[') {
      i++;
      skip();
      for (let n = 0; text[i] !== ']'; n++) {
        value([...path, n]);
        skip();
        if (text[i] === ',') i++;
        skip();
      }
      i++;
    } else if (ch === '"') string();
    else while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  };
  value([]);
  return lines;
}

/** The line of the deepest part of `path` that exists in the text. */
export function lineOf(lines: Map<string, number>, path: (string | number)[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = lines.get(JSON.stringify(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return undefined;
}
