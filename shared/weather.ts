/** The closed set rules may compare `context.weather.condition` with. */
export const WEATHER_CONDITIONS = ['clear', 'cloudy', 'fog', 'drizzle', 'rain', 'snow', 'storm'] as const;
export type WeatherCondition = (typeof WEATHER_CONDITIONS)[number];

/**
 * WMO weather interpretation codes (the `weather_code` Open-Meteo reports) folded into the
 * few conditions a marketer writes rules for. Freezing drizzle counts as drizzle, freezing
 * rain and showers as rain, snow grains and snow showers as snow, thunderstorms as storm.
 */
export function conditionOf(code: number): WeatherCondition | undefined {
  if (code === 0 || code === 1) return 'clear';
  if (code === 2 || code === 3) return 'cloudy';
  if (code === 45 || code === 48) return 'fog';
  if (code >= 51 && code <= 57) return 'drizzle';
  if ((code >= 61 && code <= 67) || (code >= 80 && code <= 82)) return 'rain';
  if ((code >= 71 && code <= 77) || code === 85 || code === 86) return 'snow';
  if (code >= 95 && code <= 99) return 'storm';
  return undefined;
}
