import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readAll, stored, write } from './storage.js';

describe('stored', () => {
  it('resolves only once every write before it has landed', async () => {
    const landed: string[] = [];
    write('log', [1]).then(() => landed.push('log'));
    write('agg', { sessions: 1 }).then(() => landed.push('agg'));
    await stored();
    expect(landed).toEqual(['log', 'agg']);
    expect(await readAll()).toMatchObject({ log: [1], agg: { sessions: 1 } });
  });
});
