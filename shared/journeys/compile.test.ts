import { describe, expect, it } from 'vitest';
import { validateConfig } from '../config/validate.js';
import type { ConfigInput } from '../schema/config.js';
import { unknownWebhooks, webhookNames } from './compile.js';
import { conditionPaths, journeyConditions, journeyTexts, profilePaths } from './conditions.js';

const cartReminder = {
  id: 'cart-reminder',
  name: 'Cart reminder',
  trigger: { event: 'add_to_cart', where: { value: { $gte: 10 } } },
  wait: '30m',
  cancelIf: { event: 'purchase' },
  only: { 'cart.items': { $gte: 1 }, segments: { $nin: ['champions'] } },
  send: {
    webhook: 'mailer',
    data: {
      subject: 'Your {{cart.items}} items are waiting',
      lines: ['Hi {{customer.firstName|there}}', { note: 'free shipping above {{cart.toFreeShipping}}' }],
      picks: { recommendations: { strategies: ['also-bought', 'bestsellers'], count: 3 } },
    },
  },
};

const config = (journeys: unknown[]): ConfigInput =>
  ({ site: 'j', segments: [{ id: 'champions', when: { 'rfm.segment': 'champions' } }], journeys }) as ConfigInput;

const issuesOf = (journeys: unknown[]) => {
  const result = validateConfig(config(journeys));
  return result.ok ? [] : result.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('journeys in the config', () => {
  it('compiles a journey: the trigger filter reads event params, `only` reads the attribute tree', () => {
    const result = validateConfig(config([cartReminder]));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [journey] = result.compiled.journeys;
    expect(journey.where!({ value: 12 })).toBe(true);
    expect(journey.where!({ value: 5 })).toBe(false);
    expect(journey.only!({ cart: { items: 2 }, segments: [] })).toBe(true);
    expect(journey.only!({ cart: { items: 2 }, segments: ['champions'] })).toBe(false);
    expect(journey.profilePaths.sort()).toEqual(['cart.items', 'cart.toFreeShipping', 'customer.firstName', 'segments']);
  });

  it.each([
    ['a duplicate id', [cartReminder, cartReminder], 'journeys.1.id: duplicate id "cart-reminder"'],
    ['a segment trigger on an unknown segment', [{ ...cartReminder, trigger: { segmentEntered: 'at-risk' } }], 'journeys.0.trigger.segmentEntered: segment "at-risk" is not defined in segments'],
    ['`only` naming an unknown segment', [{ ...cartReminder, only: { segments: 'vip' } }], 'journeys.0.only.segments: refers to segment "vip", which is not defined'],
    ['an unknown operator in `only`', [{ ...cartReminder, only: { 'cart.value': { $bigger: 3 } } }], 'journeys.0.only.cart.value.$bigger'],
    ['an unknown operator in `where`', [{ ...cartReminder, trigger: { event: 'purchase', where: { value: { $nope: 1 } } } }], 'journeys.0.trigger.where.value.$nope'],
    ['a wait that is not a duration', [{ ...cartReminder, wait: '2 weeks' }], 'journeys.0.wait'],
    ['a wait over 400 days', [{ ...cartReminder, wait: '401d' }], 'journeys.0.wait'],
    ['a persona wait without fallback', [{ ...cartReminder, wait: { personaMedianGap: true } }], 'journeys.0.wait'],
    ['a trigger with both kinds', [{ ...cartReminder, trigger: { event: 'purchase', segmentEntered: 'champions' } }], 'journeys.0.trigger: a trigger has either "event" or "segmentEntered"'],
    ['`where` on a segment trigger', [{ ...cartReminder, trigger: { segmentEntered: 'champions', where: {} } }], 'journeys.0.trigger.where'],
    ['a bad event name', [{ ...cartReminder, cancelIf: { event: 'Purchase!' } }], 'journeys.0.cancelIf.event: event names are snake_case'],
    ['a block without strategies', [{ ...cartReminder, send: { webhook: 'mailer', data: { picks: { recommendations: { strategies: [] } } } } }], 'journeys.0.send.data.picks.recommendations.strategies'],
    ['a block with manual lists', [{ ...cartReminder, send: { webhook: 'mailer', data: { picks: { recommendations: { strategies: ['manual'], manual: [{ ids: ['x'] }] } } } } }], 'journeys.0.send.data.picks.recommendations'],
    ['a prototype key in data', [{ ...cartReminder, send: { webhook: 'mailer', data: JSON.parse('{"a": {"__proto__": 1}}') } }], 'journeys.0.send.data.a.__proto__'],
    ['a webhook name that is no id', [{ ...cartReminder, send: { webhook: 'Mail Er' } }], 'journeys.0.send.webhook'],
  ])('refuses %s, with its path', (_what, journeys, expected) => {
    expect(issuesOf(journeys).some((i) => i.startsWith(expected))).toBe(true);
  });

  it('accepts the persona wait with a fallback, a segment trigger and custom event names', () => {
    const journeys = [
      { ...cartReminder, id: 'a', wait: { personaMedianGap: true, fallback: '45d' } },
      { ...cartReminder, id: 'b', trigger: { segmentEntered: 'champions' } },
      { ...cartReminder, id: 'c', trigger: { event: 'size_sold_out' }, cancelIf: { event: 'back_in_stock_seen' } },
    ];
    expect(issuesOf(journeys)).toEqual([]);
  });

  it('names journeys whose webhook is not registered, and lists the names for the CLI', () => {
    const result = validateConfig(config([cartReminder, { ...cartReminder, id: 'other', send: { webhook: 'crm' } }]));
    if (!result.ok) throw new Error('invalid');
    expect(unknownWebhooks(result.config, new Set(['mailer']))).toEqual([
      { path: ['journeys', 1, 'send', 'webhook'], message: expect.stringContaining('webhook "crm" is not registered') },
    ]);
    expect(webhookNames(result.config)).toEqual(['mailer', 'crm']);
  });
});

describe('journey conditions and copy, listed for the attribute-tree checks', () => {
  it('lists `only` as a visitor condition and `trigger.where` as an event filter, on raw JSON', () => {
    expect(journeyConditions({ journeys: [cartReminder, 'junk', { id: 'x' }] })).toEqual([
      { condition: cartReminder.only, at: ['journeys', 0, 'only'], visitor: true },
      { condition: cartReminder.trigger.where, at: ['journeys', 0, 'trigger', 'where'], visitor: false },
    ]);
    expect(journeyConditions({ journeys: 'nope' })).toEqual([]);
  });

  it('lists every string of send.data with its path', () => {
    expect(journeyTexts({ journeys: [cartReminder] }).map((t) => t.at.join('.'))).toEqual([
      'journeys.0.send.data.subject',
      'journeys.0.send.data.lines.0',
      'journeys.0.send.data.lines.1.note',
      'journeys.0.send.data.picks.recommendations.strategies.0',
      'journeys.0.send.data.picks.recommendations.strategies.1',
    ]);
  });

  it.each([
    [{ a: 1, 'b.c': { $gt: 1 } }, ['a', 'b.c']],
    [{ $or: [{ a: 1 }, { $and: [{ b: 2 }] }], $nor: [{ c: 3 }] }, ['a', 'b', 'c']],
    [{ $not: { d: 1 } }, ['d']],
    [{ items: { $elemMatch: { price: 1 } } }, ['items']],
    ['not a condition', []],
  ])('conditionPaths(%j) = %j', (condition, paths) => expect(conditionPaths(condition)).toEqual(paths));

  it('profilePaths joins what `only` and the placeholders read', () => {
    expect(profilePaths({ only: { 'rfm.segment': 'at-risk' }, send: { data: { s: '{{cart.value}} {{rfm.segment}}' } } })).toEqual(['rfm.segment', 'cart.value']);
  });
});
