import { describe, expect, it, vi } from 'vitest';
import { createRunner, installGlobal, type Command } from './queue.js';

/** A command function over a serial runner that records what ran, in order. */
function recorder() {
  const ran: string[] = [];
  const enqueue = createRunner(() => ran.push('error'));
  const run: Command = (command, ...args) =>
    enqueue(async () => {
      if (command === 'slow') await new Promise((r) => setTimeout(r, 20));
      if (command === 'fail') throw new Error('boom');
      ran.push([command, ...args].join(':'));
      return command;
    });
  return { ran, run };
}

describe('installGlobal', () => {
  it('replays what the snippet queued, in order, then runs later calls after them', async () => {
    const { ran, run } = recorder();
    const win: { vitrine?: any } = {};
    // The snippet, as a page runs it before the script loads.
    win.vitrine = function () {
      (win.vitrine.q = win.vitrine.q || []).push(arguments);
    };
    win.vitrine('init', 'demo');
    win.vitrine('slow');
    win.vitrine('track', 'page_view');

    installGlobal(win, run);
    expect(win.vitrine).toBe(run);
    await win.vitrine('decide');
    expect(ran).toEqual(['init:demo', 'slow', 'track:page_view', 'decide']);
  });

  it('works when the script loads before any command', async () => {
    const { ran, run } = recorder();
    const win: { vitrine?: any } = {};
    installGlobal(win, run);
    await win.vitrine('init');
    expect(ran).toEqual(['init']);
  });
});

describe('createRunner', () => {
  it('keeps order across slow tasks, and a failing task neither stops the rest nor rejects', async () => {
    const { ran, run } = recorder();
    const results = await Promise.all([run('slow'), run('fail'), run('track', 'x')]);
    expect(ran).toEqual(['slow', 'error', 'track:x']);
    expect(results).toEqual(['slow', undefined, 'track']);
  });

  it('never lets an error escape as an unhandled rejection', async () => {
    const onError = vi.fn();
    const enqueue = createRunner(onError);
    await enqueue(() => Promise.reject(new Error('x')));
    expect(onError).toHaveBeenCalledOnce();
  });
});
