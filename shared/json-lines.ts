/**
 * Where the values of a JSON text are, by JSON path, so a CLI can say
 * "vitrine.config.json:42 slots.hero.variants[0].when" instead of a path alone, and the
 * studio can underline the value a problem is about.
 * A small recursive-descent reader: it trusts JSON.parse to have accepted the text.
 */
export interface JsonPosition {
  line: number;
  /** Offsets of the value (for an object member, of its value, not its key). */
  from: number;
  to: number;
}

export function jsonPositions(text: string): Map<string, JsonPosition> {
  const positions = new Map<string, JsonPosition>();
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
    const at = { line, from: i, to: i };
    positions.set(JSON.stringify(path), at);
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
    at.to = i;
  };
  value([]);
  return positions;
}

/** Line numbers only, by path. */
export function jsonLines(text: string): Map<string, number> {
  return new Map([...jsonPositions(text)].map(([path, at]) => [path, at.line]));
}

/** The position of the deepest part of `path` that exists in the text. */
export function positionOf<T>(positions: Map<string, T>, path: (string | number)[]): T | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = positions.get(JSON.stringify(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The line of the deepest part of `path` that exists in the text. */
export const lineOf = (lines: Map<string, number>, path: (string | number)[]): number | undefined => positionOf(lines, path);
