/**
 * A line diff for the publish and rollback screens: common lines at both ends are set
 * aside, the rest is aligned by longest common subsequence. A config edit touches a few
 * lines, so the middle stays small; past a size where the table would be too large, the
 * middle is shown as all removed, then all added (still a correct diff, just not minimal).
 */
export interface DiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
  /** 1-based line numbers in the old and new text. */
  oldLine?: number;
  newLine?: number;
}

/** One run of changes with up to `context` unchanged lines around it. */
export type Hunk = DiffLine[];

const MAX_CELLS = 4_000_000;

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) endA--, endB--;

  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: i + 1 });
  out.push(...middle(a.slice(start, endA), b.slice(start, endB), start));
  for (let i = endA, j = endB; i < a.length; i++, j++) out.push({ kind: 'same', text: a[i], oldLine: i + 1, newLine: j + 1 });
  return out;
}

function middle(a: string[], b: string[], offset: number): DiffLine[] {
  const removed = (i: number): DiffLine => ({ kind: 'removed', text: a[i], oldLine: offset + i + 1 });
  const added = (j: number): DiffLine => ({ kind: 'added', text: b[j], newLine: offset + j + 1 });
  if (a.length * b.length > MAX_CELLS) return [...a.map((_, i) => removed(i)), ...b.map((_, j) => added(j))];
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) out.push({ kind: 'same', text: a[i], oldLine: offset + ++i, newLine: offset + ++j });
    else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) out.push(removed(i++));
    else out.push(added(j++));
  }
  while (i < a.length) out.push(removed(i++));
  while (j < b.length) out.push(added(j++));
  return out;
}

/** The changed lines with `context` unchanged lines around each run; nothing when equal. */
export function hunks(lines: DiffLine[], context = 3): Hunk[] {
  const keep = new Uint8Array(lines.length);
  lines.forEach((line, n) => {
    if (line.kind === 'same') return;
    for (let k = Math.max(0, n - context); k <= Math.min(lines.length - 1, n + context); k++) keep[k] = 1;
  });
  const out: Hunk[] = [];
  let current: Hunk | null = null;
  lines.forEach((line, n) => {
    if (!keep[n]) return void (current = null);
    if (!current) out.push((current = []));
    current.push(line);
  });
  return out;
}
