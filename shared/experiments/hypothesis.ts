/**
 * A structured hypothesis as one sentence a manager can read aloud. Marketers fill the four
 * fields with whatever phrase comes to mind ("The hero quotes a reviewer", "show reviewer
 * quotes", "Thriller lovers", "+10 %"), so no field is assumed to be a verb phrase: the
 * change is quoted as a name, the audience is what it is shown to, the expected effect is
 * what it should give and the goal what it is measured by. Missing fields drop out of the
 * sentence, never leaving a dangling "If we … then".
 */
export interface StructuredHypothesis {
  goal?: string;
  audience?: string;
  change?: string;
  expectedEffect?: string;
}

export function hypothesisSentence({ goal, audience, change, expectedEffect }: StructuredHypothesis): string {
  const [who, what, effect, metric] = [audience, change, expectedEffect, goal].map(clean);
  if (!who && !what && !effect && !metric) return 'No hypothesis was written down.';
  const subject = what ? `showing ${who ? inSentence(who) : 'visitors'} \u201c${what}\u201d` : `the variant${who ? ` for ${inSentence(who)}` : ''}`;
  const predicate = effect ? `should give ${inSentence(effect)}` : metric ? `should change ${inSentence(metric)}` : 'should make a difference';
  const measured = effect && metric ? `, measured by ${inSentence(metric)}` : '';
  return capitalise(`${subject} ${predicate}${measured}.`);
}

/** Trimmed, without the full stop a field often ends with; '' for nothing. */
function clean(field: string | undefined): string {
  return (field ?? '').trim().replace(/\s+/g, ' ').replace(/[.;:,]+$/, '');
}

/** Words a field often starts with as if it were a sentence of its own: lower-cased mid-sentence. */
const SENTENCE_STARTS = new Set(['the', 'a', 'an', 'all', 'every', 'each', 'our', 'more', 'fewer', 'less', 'higher', 'lower']);

/**
 * "The hero …" → "the hero …" mid-sentence. Only those starting words: any other capital may
 * be a name ("Dutch visitors", "VIP customers") and stays.
 */
function inSentence(phrase: string): string {
  const first = phrase.split(' ')[0];
  return /^[A-Z][a-z]*$/.test(first) && SENTENCE_STARTS.has(first.toLowerCase()) ? phrase[0].toLowerCase() + phrase.slice(1) : phrase;
}

function capitalise(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
