/**
 * The config editor: CodeMirror 6 with JSON, the generated JSON Schema (completion and
 * hover docs), completion of operators and segment ids inside rules, and the server's own
 * validation as inline problems while the marketer types (CodeMirror's linter waits for a
 * pause in typing before it asks).
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import type { EditorState } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import { basicSetup, EditorView } from 'codemirror';
import { jsonCompletion, jsonSchemaHover, stateExtensions } from 'codemirror-json-schema';

type Schema = Parameters<typeof stateExtensions>[0];
import { formatPath } from '../../shared/config/path.js';
import { jsonPositions, positionOf } from '../../shared/json-lines.js';
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

/** One line of a problem at most is underlined, so an issue about a whole block stays readable. */
function toProblem(issue: Issue, severity: Problem['severity'], text: string, positions: ReturnType<typeof jsonPositions>, view: EditorView): Problem {
  const at = positionOf(positions, issue.path) ?? { from: 0, to: 0, line: 1 };
  const lineEnd = view.state.doc.lineAt(at.from).to;
  return { severity, line: issue.line ?? at.line, from: at.from, to: Math.min(at.to, lineEnd, text.length), where: formatPath(issue.path), message: issue.message };
}

/** The schema's completion, its "nothing here" answer normalised for CodeMirror. */
function schemaCompletions(): (context: CompletionContext) => CompletionResult | null {
  const complete = jsonCompletion();
  return (context) => {
    const result = complete(context);
    return Array.isArray(result) ? null : result;
  };
}

/**
 * Where the JSON breaks, from the parser's first error node: JSON.parse's message in
 * Chromium no longer always says at which position, which would put every syntax error on line 1.
 */
function firstSyntaxError(state: EditorState): number | null {
  let at: number | null = null;
  ensureSyntaxTree(state, state.doc.length, 200)?.iterate({
    enter: (node) => {
      if (at !== null) return false;
      if (node.type.isError) at = node.from;
    },
  });
  return at;
}

function serverLinter(hooks: EditorHooks) {
  const parse = jsonParseLinter();
  return linter(
    async (view): Promise<Diagnostic[]> => {
      const doc = view.state.doc;
      const text = doc.toString();
      let problems: Problem[];
      const syntax = parse(view);
      if (syntax.length) {
        const at = firstSyntaxError(view.state) ?? syntax[0].from;
        const line = doc.lineAt(at);
        problems = [{ severity: 'error', line: line.number, from: at, to: Math.min(at + 1, line.to), where: '', message: `JSON syntax: ${syntax[0].message}` }];
      } else {
        const { issues, warnings } = await hooks.validate(text);
        const positions = jsonPositions(text);
        problems = [...issues.map((i) => toProblem(i, 'error', text, positions, view)), ...warnings.map((i) => toProblem(i, 'warning', text, positions, view))];
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
