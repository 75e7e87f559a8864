import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/validate.js';
import type { ConfigInput } from '../schema/config.js';
import type { CompiledJourney } from './compile.js';
import { journeyEventNames, plan, type Signal, type Step, type Waiting } from './plan.js';

const MIN = 60_000;
const send = { webhook: 'mailer' };
const result = validateConfig({
  site: 'plan',
  segments: [{ id: 'at-risk', when: { 'rfm.segment': 'at-risk' } }],
  journeys: [
    { id: 'cart', name: 'Cart reminder', trigger: { event: 'add_to_cart' }, wait: '30m', cancelIf: { event: 'purchase' }, send },
    { id: 'big-order', name: 'Thanks', trigger: { event: 'purchase', where: { value: { $gte: 40 } } }, wait: '1d', send },
    { id: 'win-back', name: 'Win back', trigger: { segmentEntered: 'at-risk' }, wait: '1h', send },
  ],
} as ConfigInput);
if (!result.ok) throw new Error(JSON.stringify(result.issues));
const journeys = result.compiled.journeys;
const waitFor = (j: CompiledJourney) => ({ cart: 30 * MIN, 'big-order': 1440 * MIN, 'win-back': 60 * MIN })[j.spec.id]!;

const ev = (event: string, at: number, params: Record<string, unknown> = {}): Signal => ({ event, at, params });
const sched = (journey: string, event: string, at: number, due: number): Step => ({ action: 'schedule', journey, trigger: { event, at }, due });

describe('plan', () => {
  it.each<[string, Signal[], Waiting[], Step[]]>([
    ['a trigger schedules a run due after the wait', [ev('add_to_cart', 0)], [], [sched('cart', 'add_to_cart', 0, 30 * MIN)]],
    ['a second trigger restarts the wait', [ev('add_to_cart', 0), ev('add_to_cart', 10 * MIN)], [], [sched('cart', 'add_to_cart', 0, 30 * MIN), sched('cart', 'add_to_cart', 10 * MIN, 40 * MIN)]],
    ['a purchase during the wait cancels it', [ev('purchase', 5 * MIN)], [{ journey: 'cart', triggerAt: 0 }], [{ action: 'cancel', journey: 'cart', reason: 'cancelIf: purchase' }]],
    ['a purchase in the same batch, after the add, cancels it', [ev('purchase', 5 * MIN), ev('add_to_cart', 0)], [], [sched('cart', 'add_to_cart', 0, 30 * MIN), { action: 'cancel', journey: 'cart', reason: 'cancelIf: purchase' }]],
    ['an older purchase arriving late cancels nothing', [ev('purchase', 0)], [{ journey: 'cart', triggerAt: 5 * MIN }], []],
    ['a purchase with nothing waiting cancels nothing', [ev('purchase', 0)], [], []],
    ['`where` filters on the event params', [ev('purchase', 0, { value: 39 }), ev('purchase', MIN, { value: 40 })], [], [sched('big-order', 'purchase', MIN, MIN + 1440 * MIN)]],
    ['entering a segment triggers its journey', [{ segment: 'at-risk', at: 0 }], [], [{ action: 'schedule', journey: 'win-back', trigger: { event: 'segment_entered', segment: 'at-risk', at: 0 }, due: 60 * MIN }]],
    ['another segment or event does nothing', [{ segment: 'champions', at: 0 }, ev('view_item', 0)], [], []],
  ])('%s', (_what, signals, waiting, steps) => expect(plan(journeys, signals, waiting, waitFor)).toEqual(steps));

  it('lists the event names the journeys listen to', () => {
    expect([...journeyEventNames(journeys)].sort()).toEqual(['add_to_cart', 'purchase']);
  });
});
