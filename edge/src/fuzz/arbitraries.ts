import fc from 'fast-check';

/**
 * Generators of hostile request bodies, as raw JSON text. Text rather than values, because
 * the worst inputs are ones JSON.stringify never writes: `1e999`, duplicate keys, lone
 * surrogate escapes, nesting thousands deep, bodies cut off halfway.
 */

/** Keys that reach an object's prototype when a naive merge or path reader follows them. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/**
 * Names every plain object already answers to. Wherever the fuzzer writes a key, and
 * wherever a string of the request becomes a key downstream (a segment, a slot, an id),
 * these come up: `{}` used as a map of request keys breaks on them (issue 13, finding 1).
 */
export const PROTO_NAMES = ['__proto__', 'constructor', 'toString'] as const;
const KEY_TRAPS = [...new Set([...POLLUTION_KEYS, ...PROTO_NAMES])];

/** A `polluted` marker under a prototype key: if any code merges it naively, `({}).polluted` appears. */
export const pollutionPayload = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '[{"__proto__":{"polluted":"yes"}}]',
);

const rawNumber = fc.oneof(
  fc.constantFrom('1e999', '-1e999', '1e-999', '-0', '0', '-1', '9007199254740993', '123456789012345678901234567890', '8.64e15', '8640000000000001', '0.1', '1E3'),
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
);

const nastyStrings = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'NaN', 'Infinity', '1e999', '12',
  'true', '{{persona}}', '{{traits.__proto__.x}}', '{{', '<script>alert(1)</script>', 'javascript:alert(1)', '\u0000',
  '\ud800', '\udfff', '\udc00\ud800', '\u202e', '\ufeff', 'a'.repeat(65), 'x'.repeat(2049), '😀'.repeat(40), 'Ω≈ç√∫',
  '../../etc/passwd', 'a\nb', '%00', '$where', '$regex',
];

/** Strings of every kind: control characters, lone surrogates, long runs, names that mean something to JS. */
export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 70_000 }).map((n) => 'x'.repeat(n)) },
);

/** Nesting far past any sane depth: parsers and recursive validators must not blow the stack. */
export const deepNesting = fc
  .tuple(fc.integer({ min: 20, max: 20_000 }), fc.constantFrom('array', 'object', 'and'))
  .map(([depth, kind]) =>
    kind === 'array'
      ? '['.repeat(depth) + ']'.repeat(depth)
      : kind === 'object'
        ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
        : '{"$and":['.repeat(depth) + '{}' + ']}'.repeat(depth),
  );

const rawLeaf: fc.Arbitrary<string> = fc.oneof(
  rawNumber,
  hostileString.map((s) => JSON.stringify(s)),
  fc.constantFrom('true', 'false', 'null', '[]', '{}', '""'),
  // What a non-JSON serialiser might write: invalid, must be refused as such.
  fc.constantFrom('NaN', 'Infinity', '-Infinity', 'undefined', "'single'", '0x10', '01', '.5', '+1'),
);

/**
 * A JSON-ish tree as text, its keys drawn from `keys` (the endpoint's real field names)
 * mixed with prototype keys, so values land where the schema looks. Keys may repeat.
 */
export function rawTree(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys) },
    { weight: 2, arbitrary: fc.constantFrom(...KEY_TRAPS, 'polluted') },
    { weight: 1, arbitrary: hostileString },
  );
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 3, arbitrary: rawLeaf },
      { weight: 2, arbitrary: fc.array(fc.tuple(key, tie('tree')), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`) },
      { weight: 1, arbitrary: fc.array(tie('tree'), { maxLength: 6 }).map((items) => `[${items.join(',')}]`) },
      { weight: 1, arbitrary: pollutionPayload },
      { weight: 1, arbitrary: deepNesting },
    ),
  }));
  return tree;
}

type Path = (string | number)[];
type Mutation =
  | { kind: 'replace'; raw: string }
  | { kind: 'delete' }
  | { kind: 'duplicate-key'; raw: string }
  | { kind: 'add-key'; key: string; raw: string }
  | { kind: 'rename-key'; key: string }
  | { kind: 'wrap-in-array' }
  | { kind: 'as-string' }
  | { kind: 'long-array'; length: number };

/** Every path in a JSON value, the root included. */
export function pathsIn(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsIn(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...pathsIn(v, [...at, k]));
  return out;
}

const samePath = (a: Path, b: Path) => a.length === b.length && a.every((p, i) => p === b[i]);

/** `value` as JSON text with one mutation applied at `target`. */
export function renderMutated(value: unknown, target: Path, mutation: Mutation, at: Path = []): string {
  if (samePath(at, target)) {
    switch (mutation.kind) {
      case 'replace':
        return mutation.raw;
      case 'wrap-in-array':
        return `[${JSON.stringify(value)}]`;
      case 'as-string':
        return JSON.stringify(JSON.stringify(value));
      case 'long-array':
        return `[${Array.from({ length: mutation.length }, () => JSON.stringify(value)).join(',')}]`;
      case 'add-key':
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          const body = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
          return `{${[...body, `${JSON.stringify(mutation.key)}:${mutation.raw}`].join(',')}}`;
        }
        return mutation.raw;
      case 'delete':
      case 'duplicate-key':
        if (at.length === 0) return mutation.kind === 'delete' ? '' : mutation.raw;
    }
  }
  if (Array.isArray(value)) {
    const items = value.flatMap((v, i) => {
      const child = [...at, i];
      if (mutation.kind === 'delete' && samePath(child, target)) return [];
      return [renderMutated(v, target, mutation, child)];
    });
    return `[${items.join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).flatMap(([k, v]) => {
      const child = [...at, k];
      const name = JSON.stringify(k);
      if (samePath(child, target)) {
        if (mutation.kind === 'delete') return [];
        if (mutation.kind === 'rename-key') return [`${JSON.stringify(mutation.key)}:${JSON.stringify(v)}`];
        // Duplicate keys: JSON.parse keeps the last one, so the hostile value is the one read.
        if (mutation.kind === 'duplicate-key') return [`${name}:${JSON.stringify(v)}`, `${name}:${mutation.raw}`];
      }
      return [`${name}:${renderMutated(v, target, mutation, child)}`];
    });
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** One field of a valid body changed at a time: the input that slips past shallow checks. */
export function mutationsOf(valid: unknown, keys: readonly string[]): fc.Arbitrary<string> {
  const tree = rawTree(keys);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 5, arbitrary: tree.map((raw) => ({ kind: 'replace' as const, raw })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
    { weight: 2, arbitrary: tree.map((raw) => ({ kind: 'duplicate-key' as const, raw })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...KEY_TRAPS, ...keys), tree).map(([key, raw]) => ({ kind: 'add-key' as const, key, raw })) },
    // Every key position: an existing key renamed, an existing value (a segment, a slot, an id) replaced by one of the names.
    { weight: 2, arbitrary: fc.constantFrom(...KEY_TRAPS).map((key) => ({ kind: 'rename-key' as const, key })) },
    { weight: 2, arbitrary: fc.constantFrom(...KEY_TRAPS).map((key) => ({ kind: 'replace' as const, raw: JSON.stringify(key) })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'wrap-in-array' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'as-string' as const }) },
    { weight: 1, arbitrary: fc.integer({ min: 2, max: 120 }).map((length) => ({ kind: 'long-array' as const, length })) },
  );
  return fc.tuple(fc.constantFrom(...pathsIn(valid)), mutation).map(([path, m]) => renderMutated(valid, path, m));
}

/** A valid body cut off somewhere: what a dropped connection or a proxy's limit leaves. */
export function truncationsOf(valid: unknown): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  return fc.integer({ min: 0, max: text.length - 1 }).map((n) => text.slice(0, n));
}

/** The mix every endpoint gets: mostly near-valid mutations, then wild trees, cut-offs and garbage. */
export function hostileBodies(valid: unknown, keys: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: mutationsOf(valid, keys) },
    { weight: 2, arbitrary: rawTree(keys) },
    { weight: 1, arbitrary: truncationsOf(valid) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

/** Content types a browser, sendBeacon, curl or an attacker might send. */
export const contentType = fc.constantFrom('application/json', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=utf-16');
