import { WEATHER_CONDITIONS, type WeatherCondition } from '../../../shared/weather.js';
import type { ProvidedContext } from './providers.js';
import type { Weather } from './weather.js';

/** The force key that previews a weather: `?vitrine_force=@weather:rain`. */
export const WEATHER_FORCE_KEY = '@weather';

/** A plausible day for each condition, so `temperature` and `precipitation` rules preview too. */
const TYPICAL: Record<WeatherCondition, Omit<Weather, 'condition'>> = {
  clear: { temperature: 22, precipitation: 0, isDay: true },
  cloudy: { temperature: 14, precipitation: 0, isDay: true },
  fog: { temperature: 8, precipitation: 0, isDay: true },
  drizzle: { temperature: 11, precipitation: 0.4, isDay: true },
  rain: { temperature: 12, precipitation: 2.5, isDay: true },
  snow: { temperature: -2, precipitation: 1.2, isDay: true },
  storm: { temperature: 16, precipitation: 8, isDay: true },
};

/**
 * Context a preview asks for instead of the providers' answer: a marketer checks the
 * rainy-day variant on a sunny day (and a local run, with no weather API, shows it at
 * all). It travels as a force, so the view is flagged and never counted.
 */
export function simulatedContext(force: Record<string, string> | undefined): ProvidedContext {
  const condition = force?.[WEATHER_FORCE_KEY] as WeatherCondition | undefined;
  return condition && (WEATHER_CONDITIONS as readonly string[]).includes(condition) ? { weather: { condition, ...TYPICAL[condition] } } : {};
}
