/**
 * Whether a parsed JSON value nests deeper than `max` levels, found without recursion, so
 * a hostile body 20,000 levels deep cannot exhaust the stack of whatever reads it next
 * (the rule compiler, deep equality, JSON.stringify all recurse).
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}
