/**
 * The config editor: CodeMirror 6 with JSON, the generated JSON Schema (completion and
 * hover docs), completion of operators and segment ids inside rules, and the server's own
 * validation as inline problems while the marketer types (CodeMirror's linter waits for a
 * pause in typing before it asks).
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { syntaxTree } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { EditorState, Text } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';

type Schema = Parameters<typeof stateExtensions>[0];
import { formatPath } from '../../shared/config/path.js';
import { positionAt, readJson, type Position } from '../../scripts/json-lines.js';
import type { Issue } from './api.js';
import { COMPARISON, LOGICAL, suggestionAt } from './condition-context.js';

export interface Problem {
  severity: 'error' | 'warning';
  line: number;
  from: number;
  to: number;
  /** `segments[2].when` — empty for a JSON syntax error. */
  where: string;
  message: string;
}

export interface EditorHooks {
  validate(text: string): Promise<{ issues: Issue[]; warnings: Issue[] }>;
  onProblems(problems: Problem[]): void;
  onChange(text: string): void;
}

export interface ConfigEditor {
  text(): string;
  setText(text: string): void;
  jumpTo(from: number): void;
}

/** Keys from the document root to `pos` (`"[]"` for an array level), and whether a property name goes there. */
function keysAt(state: EditorState, pos: number): { keys: string[]; inName: boolean; from: number; to: number; quoted: boolean } {
  let node = syntaxTree(state).resolveInner(pos, -1);
  const quoted = (node.name === 'String' || node.name === 'PropertyName') && pos > node.from;
  const inName = node.name === 'PropertyName' || node.name === 'Object' || node.name === '{' || (node.name === ',' && node.parent?.name === 'Object');
  const range = quoted ? { from: node.from + 1, to: Math.max(node.from + 1, state.sliceDoc(node.to - 1, node.to) === '"' && node.to - 1 >= pos ? node.to - 1 : node.to) } : { from: pos, to: pos };
  const keys: string[] = [];
  // The name being typed is not part of the way there.
  if (node.name === 'PropertyName' && node.parent) node = node.parent.parent ?? node.parent;
  for (let n: typeof node | null = node; n; n = n.parent) {
    if (n.name === 'Property') {
      const name = n.getChild('PropertyName');
      if (!name) continue;
      try {
        keys.unshift(JSON.parse(state.sliceDoc(name.from, name.to)) as string);
      } catch {
        keys.unshift(state.sliceDoc(name.from + 1, name.to - 1));
      }
    } else if (n.name === 'Array') keys.unshift('[]');
  }
  return { keys, inName, quoted, ...range };
}

/** Segment ids and names of the document as last parsed. */
function segmentsOf(text: string, last: Map<string, string>): Map<string, string> {
  try {
    const config = JSON.parse(text) as { segments?: { id?: unknown; name?: unknown }[] };
    const out = new Map<string, string>();
    for (const s of Array.isArray(config.segments) ? config.segments : []) if (typeof s?.id === 'string') out.set(s.id, typeof s.name === 'string' ? s.name : '');
    return out;
  } catch {
    return last;
  }
}

function ruleCompletions(): (context: CompletionContext) => CompletionResult | null {
  let segments = new Map<string, string>();
  return (context) => {
    const at = keysAt(context.state, context.pos);
    if (!at.quoted && !context.explicit) return null;
    const suggestion = suggestionAt(at.keys, at.inName);
    if (!suggestion) return null;
    const wrap = (label: string) => (at.quoted ? label : JSON.stringify(label));
    if (suggestion.kind === 'segment-ids') {
      segments = segmentsOf(context.state.doc.toString(), segments);
      return { from: at.from, to: at.to, options: [...segments].map(([id, name]) => ({ label: id, apply: wrap(id), detail: name, type: 'variable' })) };
    }
    const names = suggestion.kind === 'operators' ? COMPARISON : [...LOGICAL, 'segments'];
    return { from: at.from, to: at.to, options: names.map((label) => ({ label, apply: wrap(label), type: label.startsWith('$') ? 'keyword' : 'property' })) };
  };
}

/** The schema's completion, its "nothing here" answer normalised for CodeMirror. */
function schemaCompletions(): (context: CompletionContext) => CompletionResult | null {
  const complete = jsonCompletion();
  return (context) => {
    const result = complete(context);
    return Array.isArray(result) ? null : result;
  };
}

/** A problem at a line and column, underlined to the end of that line. */
function problemAt(doc: Text, at: Position, severity: Problem['severity'], where: string, message: string): Problem {
  const line = doc.line(Math.min(at.line, doc.lines));
  const from = Math.min(line.from + at.column - 1, line.to);
  return { severity, line: line.number, from, to: Math.max(line.to, from), where, message };
}

/**
 * Problems as the CLI finds them: where the JSON breaks (the CLI's own strict reader, which
 * says what was expected there), else the server's checks, each placed at its path.
 */
function serverLinter(hooks: EditorHooks) {
  return linter(
    async (view): Promise<Diagnostic[]> => {
      const doc = view.state.doc;
      const text = doc.toString();
      const read = readJson(text);
      let problems: Problem[];
      if (!read.ok) {
        problems = [problemAt(doc, read.error, 'error', '', `JSON syntax: ${read.error.message}`)];
      } else {
        const { issues, warnings } = await hooks.validate(text);
        const place = (issue: Issue, severity: Problem['severity']) =>
          problemAt(doc, positionAt(read.positions, issue.path) ?? { line: 1, column: 1 }, severity, formatPath(issue.path), issue.message);
        problems = [...issues.map((i) => place(i, 'error')), ...warnings.map((i) => place(i, 'warning'))];
      }
      // Typing went on while the server answered: this answer is about text no longer there.
      if (view.state.doc !== doc) return [];
      hooks.onProblems(problems);
      return problems.map((p) => ({ from: p.from, to: p.to, severity: p.severity, message: p.where ? `${p.where}: ${p.message}` : p.message }));
    },
    { delay: 400 },
  );
}

export function createEditor(parent: HTMLElement, schema: Schema, hooks: EditorHooks): ConfigEditor {
  const view = new EditorView({
    parent,
    extensions: [
      basicSetup,
      json(),
      EditorView.contentAttributes.of({ 'aria-label': 'Site config' }),
      // Long descriptions and copy wrap instead of scrolling sideways.
      EditorView.lineWrapping,
      EditorView.updateListener.of((update) => update.docChanged && hooks.onChange(update.state.doc.toString())),
      serverLinter(hooks),
      lintGutter(),
      autocompletion({ override: [ruleCompletions(), schemaCompletions()] }),
      hoverTooltip(jsonSchemaHover()),
      stateExtensions(schema),
    ],
  });
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    jumpTo(from) {
      view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: 'start', yMargin: 40 }) });
      view.focus();
    },
  };
}
