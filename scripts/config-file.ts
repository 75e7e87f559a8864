import { readFileSync } from 'node:fs';
import { formatPath, validateConfig, type ValidationResult } from '../shared/config/validate.js';
import { jsonLines, lineOf } from '../shared/json-lines.js';

export interface Checked {
  file: string;
  text: string;
  result: ValidationResult | { ok: false; issues: { path: (string | number)[]; message: string }[] };
}

/** Reads and validates a config file; never throws for a bad file, reports it instead. */
export function checkConfigFile(file: string): Checked {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { file, text: '', result: { ok: false, issues: [{ path: [], message: `cannot read file: ${(error as Error).message}` }] } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { file, text, result: { ok: false, issues: [{ path: [], message: `not valid JSON: ${(error as Error).message}` }] } };
  }
  return { file, text, result: validateConfig(json) };
}

/** `file:line  path  message`, one line per problem, as editors and terminals link them. */
export function formatIssues(file: string, text: string, issues: { path: (string | number)[]; message: string }[]): string {
  let lines: Map<string, number> | null = null;
  try {
    lines = text ? jsonLines(text) : null;
  } catch {
    lines = null;
  }
  return issues
    .map((issue) => {
      const line = lines ? lineOf(lines, issue.path) : undefined;
      return `${file}${line ? `:${line}` : ''}  ${formatPath(issue.path)}  ${issue.message}`;
    })
    .join('\n');
}
