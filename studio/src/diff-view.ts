import { canonicalJson, configChanges } from '../../shared/config/changes.js';
import { h } from './dom.js';
import { diffLines, hunks } from './line-diff.js';

/** Both sides pretty-printed the same way, so only real changes show. */
export const pretty = (config: unknown) => JSON.stringify(config, null, 2);

/** A summary list (one line per changed entity) and the line diff of two configs. */
export function configDiff(before: unknown, after: unknown, label: string): HTMLElement {
  if (canonicalJson(before) === canonicalJson(after)) return h('p', { class: 'muted' }, 'No changes.');
  const summary = h('ul', { class: 'changes', 'aria-label': `${label}: summary` }, configChanges(before, after).map((c) => h('li', {}, c.message)));
  const lines = hunks(diffLines(pretty(before), pretty(after)));
  const rows = lines.flatMap((hunk, n) => [
    ...(n > 0 || (hunk[0].oldLine ?? hunk[0].newLine ?? 1) > 1 ? [h('div', { class: 'gap' }, `@@ line ${hunk[0].newLine ?? hunk[0].oldLine}`)] : []),
    ...hunk.map((l) => h('div', { class: l.kind }, `${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '} ${l.text}`)),
  ]);
  return h('div', {}, summary, h('div', { class: 'diff', role: 'region', 'aria-label': label, tabindex: '0' }, rows));
}
