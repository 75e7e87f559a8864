/** Adjusted Rand index (Hubert and Arabie 1985): 1 for identical partitions, about 0 for chance. */
export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  if (a.length !== b.length) throw new Error('the two labelings must have the same length');
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const cells = new Map<string, number>();
  const rows = new Map<string | number, number>();
  const cols = new Map<string | number, number>();
  a.forEach((x, i) => {
    const key = `${x}\u0000${b[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  });
  const index = [...cells.values()].reduce((s, n) => s + pairs(n), 0);
  const rowPairs = [...rows.values()].reduce((s, n) => s + pairs(n), 0);
  const colPairs = [...cols.values()].reduce((s, n) => s + pairs(n), 0);
  const expected = (rowPairs * colPairs) / pairs(a.length);
  const maximum = (rowPairs + colPairs) / 2;
  return maximum === expected ? 1 : (index - expected) / (maximum - expected);
}
