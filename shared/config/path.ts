/** `slots.hero.variants[0].when` — how paths read in CLI output and error lists. */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>(
    (out, p) => (typeof p === 'number' ? `${out}[${p}]` : /^[A-Za-z_$][\w$-]*$/.test(p) ? (out ? `${out}.${p}` : p) : `${out}[${JSON.stringify(p)}]`),
    '',
  ) || '(root)';
}
