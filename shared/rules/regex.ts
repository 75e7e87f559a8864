/**
 * `$regex` made safe for a shared edge: bounded pattern length, no nested quantifiers
 * (the shape behind catastrophic backtracking), and bounded input length.
 */

export const MAX_PATTERN_LENGTH = 256;
/** Only this much of an attribute is searched: enough for URLs, bounded cost per test. */
export const MAX_SUBJECT_LENGTH = 2000;

/** `$options` may carry i, m and s; g and y would make `test` stateful. */
export function isAllowedFlags(flags: unknown): flags is string {
  return typeof flags === 'string' && /^[ims]*$/.test(flags) && new Set(flags).size === flags.length;
}

/**
 * A compiled `$regex`. Plain literals (`^/books/`, `sale$`, `newsletter`) are answered
 * with string methods, which are several times faster than running the regex engine.
 */
export type TextMatcher =
  | { kind: 'prefix' | 'suffix' | 'contains' | 'exact'; literal: string }
  | { kind: 'regex'; regex: RegExp };

export function compileTextMatcher(pattern: string, flags: string): TextMatcher | { problem: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return { problem: `regex is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}` };
  }
  const nested = nestedQuantifier(pattern);
  if (nested) return { problem: nested };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    return { problem: `invalid regex: ${(error as Error).message}` };
  }
  return (flags.includes('i') || flags.includes('m') ? null : asLiteral(pattern)) ?? { kind: 'regex', regex };
}

/** Does the attribute text match? Only the first MAX_SUBJECT_LENGTH characters are searched. */
export function matchesText(matcher: TextMatcher, text: string): boolean {
  const subject = text.length > MAX_SUBJECT_LENGTH ? text.slice(0, MAX_SUBJECT_LENGTH) : text;
  switch (matcher.kind) {
    case 'prefix':
      return subject.startsWith(matcher.literal);
    case 'suffix':
      return subject.endsWith(matcher.literal);
    case 'contains':
      return subject.includes(matcher.literal);
    case 'exact':
      return subject === matcher.literal;
    case 'regex':
      return matcher.regex.test(subject);
  }
}

const METACHARACTERS = new Set('\\^$.|?*+()[]{}');

/** The literal a pattern such as `^/books/`, `sale$` or `a\.b` stands for, or null. */
function asLiteral(pattern: string): TextMatcher | null {
  const start = pattern.startsWith('^');
  let literal = '';
  for (let i = start ? 1 : 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '$' && i === pattern.length - 1) {
      return { kind: start ? 'exact' : 'suffix', literal };
    }
    if (char === '\\') {
      const escaped = pattern[++i] ?? '';
      if (!METACHARACTERS.has(escaped) && escaped !== '/') return null; // \d, \b, \n …: a class or an assertion
      literal += escaped;
    } else if (METACHARACTERS.has(char)) {
      return null;
    } else {
      literal += char;
    }
  }
  return { kind: start ? 'prefix' : 'contains', literal };
}

interface Group {
  start: number;
  /** Can match its text in more than one way: holds a variable quantifier or an alternation. */
  ambiguous: boolean;
}

interface Quantifier {
  text: string;
  min: number;
  max: number;
}

/**
 * Finds a repeated group whose body can itself match in more than one way, e.g. `(a+)+`,
 * `(a*)*`, `(a|a)*`, `(x{2,})+`: the backtracking engine may try exponentially many
 * splits of the input. Returns the reason, or null when the pattern has none.
 */
function nestedQuantifier(pattern: string): string | null {
  const groups: Group[] = [];
  const markAmbiguous = () => {
    if (groups.length > 0) groups[groups.length - 1].ambiguous = true;
  };
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '[') {
      i = classEnd(pattern, i);
      continue;
    }
    if (char === '(') {
      groups.push({ start: i, ambiguous: false });
      if (pattern[i + 1] === '?') i++; // (?:  (?=  (?<name>: this `?` names a group kind, it is no quantifier
      continue;
    }
    if (char === '|') {
      markAmbiguous();
      continue;
    }
    if (char === ')') {
      const group = groups.pop();
      if (!group) continue; // unbalanced: RegExp itself reports it
      const repeat = quantifierAt(pattern, i + 1);
      if (group.ambiguous && repeat && repeat.max > 1) {
        return `regex group "${pattern.slice(group.start, i + 1)}" is repeated with "${repeat.text}" but itself contains a quantifier or "|": this can backtrack catastrophically; use a character class or drop the inner quantifier`;
      }
      if (group.ambiguous) markAmbiguous();
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier) {
      if (quantifier.min !== quantifier.max) markAmbiguous();
      i += quantifier.text.length - 1;
    }
  }
  return null;
}

/** Index of the `]` closing the character class that opens at `open` (JavaScript: `[]` is empty). */
function classEnd(pattern: string, open: number): number {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return pattern.length;
}

const BRACE_QUANTIFIER = /^\{(\d+)(,(\d*))?\}\??/;

/** The quantifier starting at `at` (lazy `?` suffix included), or null. */
function quantifierAt(pattern: string, at: number): Quantifier | null {
  const char = pattern[at];
  const lazy = pattern[at + 1] === '?' ? '?' : '';
  if (char === '*') return { text: '*' + lazy, min: 0, max: Infinity };
  if (char === '+') return { text: '+' + lazy, min: 1, max: Infinity };
  if (char === '?') return { text: '?' + lazy, min: 0, max: 1 };
  const brace = char === '{' ? pattern.slice(at).match(BRACE_QUANTIFIER) : null;
  if (!brace) return null;
  const min = Number(brace[1]);
  const max = brace[2] === undefined ? min : brace[3] === '' ? Infinity : Number(brace[3]);
  return { text: brace[0], min, max };
}
