/** Runs tasks one after another, so commands keep their order even when one awaits storage or the network. */
export function createRunner(onError: (error: unknown) => void) {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(task: () => T | Promise<T>): Promise<T | undefined> => {
    const next = chain.then(task).catch((error) => {
      onError(error);
      return undefined;
    });
    chain = next;
    return next;
  };
}

export type Command = (command: string, ...args: unknown[]) => Promise<unknown>;
type Stub = { q?: ArrayLike<unknown>[] };

/**
 * Replaces the snippet's stub `window.vitrine` with the real one and replays what the
 * stub queued, in order. Later calls go straight to the real one.
 */
export function installGlobal(win: { vitrine?: Stub | Command }, run: Command): void {
  const queued = (win.vitrine as Stub | undefined)?.q ?? [];
  win.vitrine = run;
  for (const args of Array.from(queued)) run(...(Array.from(args) as [string, ...unknown[]]));
}
