/**
 * A small strict JSON reader for the CLI: where each value of a text is (line and column,
 * by JSON path), and for a text that is not JSON, where it goes wrong and what was
 * expected there (`expected a property name after ",", found "}"`), which JSON.parse's
 * messages do not say. It only checks and locates: the value itself comes from JSON.parse,
 * so it is exactly what the edge reads.
 */
export type JsonPath = (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface JsonSyntaxError extends Position {
  message: string;
}

export type JsonRead =
  | {
      ok: true;
      value: unknown;
      /** By `JSON.stringify(path)`: where the value starts, or for an object member where its key starts. */
      positions: Map<string, Position>;
      /** Keys written twice in one object: JSON.parse keeps the last, silently. */
      duplicates: { path: JsonPath; position: Position }[];
    }
  | { ok: false; error: JsonSyntaxError };

const MAX_DEPTH = 512;

class SyntaxProblem extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function readJson(source: string): JsonRead {
  // A byte order mark is how some editors start a UTF-8 file; it is not part of the JSON.
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const positions = new Map<string, Position>();
  const duplicates: { path: JsonPath; position: Position }[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const positionOf = (offset: number): Position => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };

  let i = 0;
  const skip = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (expected: string): never => {
    throw new SyntaxProblem(`expected ${expected}, found ${found(text, i)}`, i);
  };

  const string = (): string => {
    const start = i++;
    for (;;) {
      if (i >= text.length) throw new SyntaxProblem('unterminated string: expected a closing "', start);
      const ch = text.charCodeAt(i);
      if (ch === 0x22) break;
      if (ch < 0x20) throw new SyntaxProblem('a line break or control character inside a string: close the string with " or write \\n, \\t, \\u00XX', i);
      if (ch === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new SyntaxProblem('expected four hex digits after \\u', i);
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else throw new SyntaxProblem(`unknown escape "\\${next ?? ''}" in a string: use \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX`, i);
      } else i++;
    }
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };

  const number = () => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!match) return fail('a value');
    const end = i + match[0].length;
    if (/[0-9]/.test(text[end] ?? '') && match[1] === '0') throw new SyntaxProblem('a number may not start with 0 (write 7, not 07)', i);
    if (text[end] === '.' || /[eE]/.test(text[end] ?? '')) throw new SyntaxProblem('expected digits in the number', end + 1);
    i = end;
  };

  const value = (path: JsonPath, depth: number, expected = 'a value'): void => {
    skip();
    if (depth > MAX_DEPTH) throw new SyntaxProblem(`nested deeper than ${MAX_DEPTH} levels`, i);
    const ch = text[i];
    if (!positions.has(key(path))) positions.set(key(path), positionOf(i));
    if (ch === '{') {
      i++;
      skip();
      if (text[i] === '}') {
        i++;
        return;
      }
      const seen = new Set<string>();
      for (let first = true; ; first = false) {
        skip();
        if (text[i] !== '"') fail(first ? 'a property name or "}"' : 'a property name after ","');
        const keyAt = i;
        const name = string();
        const memberPath = [...path, name];
        if (seen.has(name)) duplicates.push({ path: memberPath, position: positionOf(keyAt) });
        seen.add(name);
        positions.set(key(memberPath), positionOf(keyAt));
        skip();
        if (text[i] !== ':') fail(`":" after the property name "${name}"`);
        i++;
        value(memberPath, depth + 1);
        skip();
        if (text[i] === '}') {
          i++;
          return;
        }
        if (text[i] !== ',') fail('"," or "}" after the value');
        i++;
      }
    }
    if (ch === '[') {
      i++;
      skip();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value([...path, n], depth + 1, n === 0 ? 'a value or "]"' : 'a value after ","');
        skip();
        if (text[i] === ']') {
          i++;
          return;
        }
        if (text[i] !== ',') fail('"," or "]" after the value');
        i++;
      }
    }
    if (ch === '"') return void string();
    if (ch === '-' || (ch >= '0' && ch <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, i) && !/[A-Za-z0-9_$]/.test(text[i + literal.length] ?? '')) {
        i += literal.length;
        return;
      }
    }
    fail(expected);
  };

  try {
    value([], 0);
    skip();
    if (i < text.length) fail('the end of the file after the value');
  } catch (error) {
    if (!(error instanceof SyntaxProblem)) throw error;
    return { ok: false, error: { ...positionOf(error.offset), message: error.message } };
  }
  return { ok: true, value: JSON.parse(text), positions, duplicates };
}

/** Where `path` is in the text: the deepest part of it that exists there. */
export function positionAt(positions: Map<string, Position>, path: JsonPath): Position | undefined {
  for (let n = path.length; n >= 0; n--) {
    const found = positions.get(key(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return undefined;
}

function key(path: JsonPath): string {
  return JSON.stringify(path);
}

/** How the text at `i` reads in a message: `"}"`, `end of file`, `"abc"`, `a string`. */
function found(text: string, i: number): string {
  if (i >= text.length) return 'the end of the file';
  const ch = text[i];
  if (ch === '"') return 'a string';
  if (ch === "'") return `"'" (JSON strings and names take double quotes)`;
  if (ch === '/') return '"/" (JSON has no comments)';
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40));
  if (word) return `"${word[0]}"`;
  return `"${ch}"`;
}
