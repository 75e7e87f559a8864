import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conditionOf } from '../../../shared/weather.js';
import { app } from '../app.js';
import { decideBody, put, siteConfig } from '../testing/fixtures.js';
import { cellOf, forgetWeather, parseForecast } from './weather.js';

const STUB = 'http://weather-stub.test';
const AMSTERDAM = { latitude: '52.3676', longitude: '4.9041', country: 'NL', city: 'Amsterdam' };
/**
 * The colo's Cache API outlives a test, so each test decides from a town of its own:
 * a cell nobody asked about before.
 */
let town = 0;
const freshTown = () => ({ ...AMSTERDAM, longitude: String(10 + ++town) });

type Answer = () => Promise<Response>;
let answer: Answer;
let calls: string[];

/** The local stand-in for Open-Meteo: every request to WEATHER_API_URL lands here. */
function stubWeather(respond: Answer) {
  answer = respond;
}
const forecast = (code: number, extra: Record<string, unknown> = {}) => () =>
  Promise.resolve(Response.json({ current: { time: '2026-11-29T12:00', interval: 900, temperature_2m: 7.5, precipitation: 1.2, weather_code: code, is_day: 1, ...extra } }));

beforeEach(() => {
  forgetWeather();
  calls = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(STUB)) return realFetch(input, init);
    calls.push(url);
    return answer();
  });
});
afterEach(() => vi.restoreAllMocks());

async function rainySite(site: string) {
  const config = siteConfig(site);
  config.slots!.hero.variants!.unshift({
    id: 'rainy-day',
    when: { 'context.weather.condition': { $in: ['rain', 'drizzle', 'storm'] } },
    content: { headline: 'Rainy day? Umbrellas and cookbooks, {{context.weather.temperature}}°C' },
  });
  expect((await app.fetch(put(`/admin/sites/${site}/config`, config), env)).status).toBe(201);
}

async function decideAt(site: string, cf: Record<string, string>, extra: Record<string, unknown> = {}) {
  const ctx = createExecutionContext();
  const started = performance.now();
  const request = new Request('https://edge.example/v1/decide', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(decideBody(site, { slots: ['hero'], ...extra })),
    cf,
  });
  const res = await app.fetch(request, { ...env, WEATHER_API_URL: STUB }, ctx);
  const body = (await res.json()) as { slots: { hero: { variant: string; content: { headline: string } } } };
  return { status: res.status, body, ms: performance.now() - started, background: () => waitOnExecutionContext(ctx) };
}

describe('weather provider in decide', () => {
  it('picks the rainy variant when Open-Meteo reports rain at the visitor’s location', async () => {
    await rainySite('wx-rain');
    stubWeather(forecast(63));
    const { body } = await decideAt('wx-rain', AMSTERDAM);
    expect(body.slots.hero.variant).toBe('rainy-day');
    expect(body.slots.hero.content.headline).toBe('Rainy day? Umbrellas and cookbooks, 7.50°C');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toBe(`${STUB}/v1/forecast?latitude=52.4&longitude=4.9&current=temperature_2m,precipitation,weather_code,is_day`);
  });

  it('asks once per cell: a second visitor nearby is answered from the cache', async () => {
    await rainySite('wx-cache');
    stubWeather(forecast(61));
    const here = freshTown();
    await decideAt('wx-cache', here);
    const nearby = await decideAt('wx-cache', { ...here, latitude: '52.38' });
    expect(nearby.body.slots.hero.variant).toBe('rainy-day');
    expect(calls).toHaveLength(1);
  });

  it('shows the default on a clear day', async () => {
    await rainySite('wx-clear');
    stubWeather(forecast(0));
    expect((await decideAt('wx-clear', freshTown())).body.slots.hero.variant).toBe('default');
  });

  it('answers without weather, and fast, when the API is down', async () => {
    await rainySite('wx-down');
    stubWeather(() => Promise.reject(new TypeError('connection refused')));
    const there = freshTown();
    const { status, body, ms } = await decideAt('wx-down', there);
    expect(status).toBe(200);
    expect(body.slots.hero.variant).toBe('default');
    expect(ms).toBeLessThan(1000);
    // The failure is remembered for a minute: the next visitor does not ask again.
    await decideAt('wx-down', there);
    expect(calls).toHaveLength(1);
  });

  it('waits at most its budget for a slow API, then lets the fetch finish for the next visitor', async () => {
    await rainySite('wx-slow');
    stubWeather(() => new Promise((resolve) => setTimeout(() => resolve(forecast(65)()), 2000)).then((r) => r as Response));
    const there = freshTown();
    const first = await decideAt('wx-slow', there);
    expect(first.body.slots.hero.variant).toBe('default');
    expect(first.ms).toBeLessThan(1000);
    await first.background();
    const next = await decideAt('wx-slow', there);
    expect(next.body.slots.hero.variant).toBe('rainy-day');
    expect(calls).toHaveLength(1);
  });

  it('never asks for weather when no rule or copy reads it', async () => {
    expect((await app.fetch(put('/admin/sites/wx-unused/config', siteConfig('wx-unused')), env)).status).toBe(201);
    stubWeather(forecast(63));
    const { status } = await decideAt('wx-unused', freshTown());
    expect(status).toBe(200);
    expect(calls).toHaveLength(0);
  });

  it('answers without weather when Cloudflare gives no location', async () => {
    await rainySite('wx-nowhere');
    stubWeather(forecast(63));
    expect((await decideAt('wx-nowhere', { country: 'NL' })).body.slots.hero.variant).toBe('default');
    expect(calls).toHaveLength(0);
  });
});

describe('a weather preview (?vitrine_force=@weather:<condition>)', () => {
  it('shows the rainy variant on a clear day, with a typical rainy temperature, and asks the API nothing', async () => {
    await rainySite('wx-preview');
    stubWeather(forecast(0));
    const { body } = await decideAt('wx-preview', freshTown(), { force: { '@weather': 'rain' } });
    expect(body.slots.hero).toMatchObject({ variant: 'rainy-day', content: { headline: 'Rainy day? Umbrellas and cookbooks, 12°C' } });
    expect(calls).toHaveLength(0);
  });

  it.each([['snow', 'default'], ['storm', 'rainy-day'], ['hail', 'default']])('@weather:%s → %s (an unknown condition simulates nothing)', async (condition, variant) => {
    await rainySite(`wx-preview-${condition}`);
    stubWeather(forecast(0));
    const { body } = await decideAt(`wx-preview-${condition}`, freshTown(), { force: { '@weather': condition } });
    expect(body.slots.hero.variant).toBe(variant);
  });

  it('works where Cloudflare gives no location, as in a local run', async () => {
    await rainySite('wx-preview-local');
    expect((await decideAt('wx-preview-local', {}, { force: { '@weather': 'drizzle' } })).body.slots.hero.variant).toBe('rainy-day');
  });
});

describe('weather data', () => {
  it.each([
    [0, 'clear'], [1, 'clear'], [2, 'cloudy'], [3, 'cloudy'], [45, 'fog'], [48, 'fog'], [51, 'drizzle'], [57, 'drizzle'],
    [61, 'rain'], [67, 'rain'], [80, 'rain'], [82, 'rain'], [71, 'snow'], [77, 'snow'], [85, 'snow'], [86, 'snow'],
    [95, 'storm'], [99, 'storm'], [4, undefined], [100, undefined],
  ])('WMO code %i is %s', (code, condition) => {
    expect(conditionOf(code)).toBe(condition);
  });

  it('rounds a location to a cell of 0.1°', () => {
    expect(cellOf({ latitude: '52.3676', longitude: '-4.9041' })?.key).toBe('52.4,-4.9');
    expect(cellOf({ latitude: 'x', longitude: '4' })).toBeNull();
    expect(cellOf(undefined)).toBeNull();
  });

  it('reads Open-Meteo’s current block and refuses anything else', () => {
    expect(parseForecast({ current: { temperature_2m: -2, precipitation: 0.4, weather_code: 73, is_day: 0 } })).toEqual({
      temperature: -2, precipitation: 0.4, condition: 'snow', isDay: false,
    });
    expect(parseForecast({ current: { temperature_2m: '3', precipitation: 0, weather_code: 0, is_day: 1 } })).toBeNull();
    expect(parseForecast({ error: true, reason: 'bad latitude' })).toBeNull();
    expect(parseForecast(null)).toBeNull();
  });
});
