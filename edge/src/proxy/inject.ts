import type { DecideResponse } from '../../../shared/schema/decide.js';

/** The element the SDK reads the proxy's decision from instead of asking `/v1/decide`. */
export const DECISION_ID = 'vitrine-decision';

/**
 * The decision as an inline JSON block. A JSON `<script>` is data, never run (so a page's
 * CSP need not allow it); `<`, `>` and `&` are written as `\u003c`… so no copy, however
 * written (`</script>`, `<!--`), can end the block early, and JSON.parse reads them back.
 */
export function decisionBlock(decision: DecideResponse): string {
  const json = JSON.stringify(decision).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/json" id="${DECISION_ID}">${json}</script>`;
}

/**
 * Puts the block first in `<head>`, before the SDK snippet, so the script finds it when it
 * starts; a page without a `<head>` gets it first in `<body>`, or at its end.
 */
export function injectDecision(rewriter: HTMLRewriter, decision: DecideResponse): HTMLRewriter {
  let done = false;
  const first = (el: Element) => {
    if (done) return;
    done = true;
    el.prepend(decisionBlock(decision), { html: true });
  };
  return rewriter
    .on('head', { element: first })
    .on('body', { element: first })
    .onDocument({
      end(end) {
        if (!done) end.append(decisionBlock(decision), { html: true });
      },
    });
}
