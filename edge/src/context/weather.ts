import { conditionOf, type WeatherCondition } from '../../../shared/weather.js';
import type { CfFacts } from '../decide/facts.js';
import type { ContextProvider } from './provider.js';

export interface Weather {
  /** °C */
  temperature: number;
  /** mm in the last hour */
  precipitation: number;
  condition: WeatherCondition;
  isDay: boolean;
}

/** Cells of 0.1° (about 11 km north–south): one answer serves a whole town. */
const CELL_DEGREES = 0.1;
/** How long one cell's answer is used; Open-Meteo's current values move every 15 minutes. */
const FRESH_MS = 15 * 60_000;
/** A failing API is asked again after this long, not by every visitor. */
const FAILED_MS = 60_000;
/** Hard stop for the background fetch, so a hung API cannot pile up connections. */
const FETCH_TIMEOUT_MS = 5_000;
const MAX_CELLS = 5_000;

interface Held {
  weather: Weather | null;
  until: number;
}
/** Per isolate; the Cache API below shares answers between isolates of one colo. */
const cells = new Map<string, Held>();
const inFlight = new Map<string, Promise<Weather | null>>();

/** The cell of a location, or null when Cloudflare gave none (local runs, some networks). */
export function cellOf(cf: CfFacts | undefined): { key: string; latitude: string; longitude: string } | null {
  const lat = Number(cf?.latitude);
  const lon = Number(cf?.longitude);
  if (!cf?.latitude || !cf.longitude || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  const round = (x: number) => (Math.round(x / CELL_DEGREES) * CELL_DEGREES).toFixed(1);
  const latitude = round(lat);
  const longitude = round(lon);
  return { key: `${latitude},${longitude}`, latitude, longitude };
}

/** Open-Meteo's `current` block → our attributes; anything malformed is no weather. */
export function parseForecast(json: unknown): Weather | null {
  const current = (json as { current?: Record<string, unknown> } | null)?.current;
  if (!current) return null;
  const { temperature_2m: temperature, precipitation, weather_code: code, is_day: isDay } = current;
  if (typeof temperature !== 'number' || typeof precipitation !== 'number' || typeof code !== 'number') return null;
  const condition = conditionOf(code);
  return condition ? { temperature, precipitation, condition, isDay: isDay === 1 || isDay === true } : null;
}

/**
 * `context.weather` from Open-Meteo's forecast API at `WEATHER_API_URL`, for the request's
 * location rounded to a cell. A cold cell is fetched once (concurrent visitors share the
 * fetch), kept 15 minutes per isolate and in the colo's cache; the pipeline waits at most
 * the provider's budget and lets a slower fetch finish in the background for the next
 * visitor. Errors are answers too (no weather), kept a minute, so a down API costs nothing.
 */
export const weatherProvider: ContextProvider<'weather', Weather> = {
  key: 'weather',
  budgetMs: 150,
  async provide({ facts, env, now }) {
    const cell = cellOf(facts.cf);
    if (!cell) return undefined;
    const held = cells.get(cell.key);
    if (held && held.until > now) return held.weather ?? undefined;
    let pending = inFlight.get(cell.key);
    if (!pending) {
      const base = (env.WEATHER_API_URL ?? 'https://api.open-meteo.com').replace(/\/+$/, '');
      pending = lookUp(base, cell, now).finally(() => inFlight.delete(cell.key));
      inFlight.set(cell.key, pending);
    }
    return (await pending) ?? undefined;
  },
};

async function lookUp(base: string, cell: NonNullable<ReturnType<typeof cellOf>>, now: number): Promise<Weather | null> {
  const url = `${base}/v1/forecast?latitude=${cell.latitude}&longitude=${cell.longitude}&current=temperature_2m,precipitation,weather_code,is_day`;
  const cache = await colocCache();
  let weather: Weather | null = null;
  let ok = false;
  try {
    const cached = await cache?.match(url);
    const res = cached ?? (await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }));
    if (res.ok) {
      const text = await res.text();
      weather = parseForecast(JSON.parse(text));
      ok = weather !== null;
      if (ok && !cached) await cache?.put(url, new Response(text, { headers: { 'Cache-Control': `max-age=${FRESH_MS / 1000}` } }));
    }
  } catch (error) {
    console.warn(`weather for cell ${cell.key} unavailable: ${(error as Error).message}`);
  }
  if (cells.size >= MAX_CELLS) cells.delete(cells.keys().next().value!);
  cells.set(cell.key, { weather, until: now + (ok ? FRESH_MS : FAILED_MS) });
  return weather;
}

/** The Cache API where the runtime has it (Workers); plain Node benches run without it. */
async function colocCache(): Promise<Cache | null> {
  const storage = (globalThis as { caches?: CacheStorage & { default?: Cache } }).caches;
  return storage?.default ?? null;
}

/** Tests start every case with a cold isolate cache. */
export function forgetWeather(): void {
  cells.clear();
}
