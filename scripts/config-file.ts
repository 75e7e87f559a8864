import { readFileSync } from 'node:fs';
import { formatPath, validateConfig } from '../shared/config/validate.js';
import type { Config } from '../shared/schema/config.js';
import { parseCatalog } from '../edge/src/recs/catalog-parse.js';
import { positionAt, readJson, type JsonPath, type Position } from './json-lines.js';

export interface Problem {
  severity: 'error' | 'warning';
  path: JsonPath;
  message: string;
  /** Where in the file; absent only when the file could not be read. */
  position?: Position;
  /** A JSON syntax error: the path is unknown, the position is where reading stopped. */
  syntax?: boolean;
}

export interface CheckedFile {
  file: string;
  text: string;
  /** The config with defaults, when it has no errors. */
  config?: Config;
  /** Errors first, then warnings, each in file order. */
  problems: Problem[];
}

export interface FileOptions {
  /** Category names of the shop's catalog: names outside it are warned about. */
  catalogCategories?: Iterable<string>;
}

/** Reads and validates a config file: every problem at once; never throws for a bad file. */
export function checkConfigFile(file: string, options: FileOptions = {}): CheckedFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, text: '', problems: [{ severity: 'error', path: [], message: `cannot read file: ${(error as Error).message}` }] };
  }
  const read = readJson(text);
  if (!read.ok) {
    const { line, column, message } = read.error;
    return { file, text, problems: [{ severity: 'error', path: [], message, position: { line, column }, syntax: true }] };
  }
  const result = validateConfig(read.value, options);
  const located = (severity: Problem['severity']) => (issue: { path: JsonPath; message: string }): Problem => ({
    severity,
    ...issue,
    position: positionAt(read.positions, issue.path),
  });
  const duplicates: Problem[] = read.duplicates.map(({ path, position }) => ({
    severity: 'warning',
    path,
    message: `key "${path[path.length - 1]}" is written twice in this object: only the last one counts`,
    position,
  }));
  const problems = [
    ...sortByPosition(result.issues.map(located('error'))),
    ...sortByPosition([...result.warnings.map(located('warning')), ...duplicates]),
  ];
  return { file, text, problems, ...(result.ok && { config: result.config }) };
}

/** Problems the edge answered for this file's text, placed in it. */
export function locateProblems(text: string, severity: Problem['severity'], issues: { path: JsonPath; message: string }[]): Problem[] {
  const read = readJson(text);
  const positions = read.ok ? read.positions : new Map<string, Position>();
  return sortByPosition(issues.map((issue) => ({ severity, ...issue, position: positionAt(positions, issue.path) })));
}

/**
 * `file:line:column  json.path  message`, one line per problem, as editors and terminals
 * link them; warnings say so.
 */
export function formatProblems(file: string, problems: Problem[]): string {
  return problems
    .map((p) => {
      const where = p.position ? `${file}:${p.position.line}:${p.position.column}` : file;
      const path = p.syntax ? '(syntax)' : formatPath(p.path);
      return `${where}  ${path}  ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
    })
    .join('\n');
}

/** "2 errors, 1 warning". */
export function countProblems(problems: Problem[]): string {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${count(errors, 'error')}, ${count(problems.length - errors, 'warning')}`;
}

/** The category names of a catalog file (a JSON array or NDJSON of products, as `PUT …/catalog` takes). */
export function readCatalogCategories(file: string): string[] {
  const { products, issues } = parseCatalog(readFileSync(file, 'utf8'));
  if (products.length === 0 && issues.length > 0) throw new Error(`${file}: ${issues[0].message}`);
  return [...new Set(products.map((p) => p.category))];
}

function sortByPosition(problems: Problem[]): Problem[] {
  const at = (p: Problem) => (p.position ? p.position.line * 1e6 + p.position.column : 0);
  return problems.map((p, n) => ({ p, n })).sort((a, b) => at(a.p) - at(b.p) || a.n - b.n).map(({ p }) => p);
}
