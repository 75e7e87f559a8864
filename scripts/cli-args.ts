/** The few flags the config scripts take: `--name value`; everything else is a file. */
export function parseArgs(argv: string[], flags: readonly string[]): { files: string[]; values: Map<string, string>; unknown: string[] } {
  const files: string[] = [];
  const values = new Map<string, string>();
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) files.push(arg);
    else if (flags.includes(arg.slice(2)) && i + 1 < argv.length) values.set(arg.slice(2), argv[++i]);
    else unknown.push(arg);
  }
  return { files, values, unknown };
}
