/**
 * Number formatting for what marketers read (verdict sentences, the HTML report). Fixed to
 * en-US so the same report reads the same on every edge location.
 */

const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 5230 → "5,230". */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** A fraction as a percentage with up to `digits` decimals: 0.0312 → "3.1%". */
export function formatPercent(fraction: number, digits = 1): string {
  return `${trimZeros((fraction * 100).toFixed(digits))}%`;
}

/** A change as a signed percentage: 0.31 → "+31%", −0.052 → "−5.2%". */
export function formatChange(fraction: number, digits = 1): string {
  const text = formatPercent(Math.abs(fraction), digits);
  if (text === '0%') return text;
  return fraction > 0 ? `+${text}` : `\u2212${text}`;
}

/** A probability for people: rounding 99.7 % up to "100%" would promise a certainty the data cannot give. */
export function formatChance(p: number): string {
  if (p > 0.99) return 'over 99%';
  if (p < 0.01) return 'under 1%';
  return formatPercent(p, 0);
}

/** "p=0.034", "p=0.0001", "p<0.0001": two significant digits, never a misleading "p=0". */
export function formatPValue(p: number): string {
  if (p < 0.0001) return 'p<0.0001';
  return `p=${trimZeros(p.toPrecision(2))}`;
}

/** Planned weights as a split: [0.5, 0.5] → "50/50", [1, 1, 2] → "25/25/50". */
export function formatSplit(weights: readonly number[]): string {
  const total = weights.reduce((a, w) => a + Math.max(0, w), 0) || 1;
  return weights.map((w) => trimZeros(((Math.max(0, w) / total) * 100).toFixed(1))).join('/');
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
