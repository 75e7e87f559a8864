import { describe, expectTypeOf, it } from 'vitest';
import type * as Published from '../index.d.ts';
import type { DecideResponse } from '../../shared/schema/decide.js';
import type * as Source from './index.js';
import type { InitOptions } from './types.js';

// The published index.d.ts is written by hand so it needs nothing from zod; these checks
// (run by `tsc --noEmit`) fail when it drifts from the contracts and the real entry point.
describe('published types', () => {
  it('describe the decide response the edge sends', () => {
    expectTypeOf<DecideResponse>().toExtend<Published.DecideResponse>();
  });
  it('take the same init options as the SDK', () => {
    expectTypeOf<Published.InitOptions>().toEqualTypeOf<InitOptions>();
  });
  it('take the same identify options as the SDK', () => {
    expectTypeOf<Published.IdentifyOptions>().toEqualTypeOf<Source.IdentifyOptions>();
  });
  it('name every function the ESM entry exports', () => {
    expectTypeOf<keyof typeof Source>().toEqualTypeOf<keyof typeof Published>();
  });
});
