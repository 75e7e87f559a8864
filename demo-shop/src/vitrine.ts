/** The command function the snippet in every page's head defines (DESIGN.md, "Script tag"). */
type VitrineCommand = ((command: string, ...args: unknown[]) => void) & { q?: unknown[] };

declare global {
  interface Window {
    vitrine: VitrineCommand;
  }
}

export function vitrine(command: string, ...args: unknown[]): void {
  window.vitrine(command, ...args);
}
