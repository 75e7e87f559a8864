import type { TestProject } from 'vitest/node';
import { startReceiver } from './receiver.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local webhook receiver (receiver.ts); hooks live under /hooks/:name. */
    receiver: string;
  }
}

/** vitest globalSetup of the workers project: one receiver for every Worker test file. */
export default async function setup(project: TestProject) {
  const receiver = await startReceiver();
  project.provide('receiver', receiver.url);
  return () => receiver.stop();
}
