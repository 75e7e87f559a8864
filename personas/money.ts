/** Which currency the amounts are in, and how amounts read in it. Never assumed: found or given. */
import { InputError } from './order-row.js';

export type Money = (amount: number, decimals?: number) => string;

/** "$1,234" / "€16.50": English number format, the currency's own symbol. */
export function moneyFormat(currency: string): Money {
  const formats = new Map<number, Intl.NumberFormat>();
  return (amount, decimals = 0) => {
    let format = formats.get(decimals);
    if (!format) {
      format = new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      formats.set(decimals, format);
    }
    return format.format(amount);
  };
}

/**
 * The one currency of the file: --currency when given (and the file does not say otherwise),
 * else the one its currency column or amount symbols show. A file without any, and no flag,
 * is refused: a report in the wrong currency is worse than none.
 */
export function resolveCurrency(given: string | undefined, seen: ReadonlyMap<string, number>): string {
  const found = [...seen.keys()];
  if (found.length > 1) {
    const counts = [...seen].map(([code, rows]) => `${code} ${rows.toLocaleString('en')} rows`).join(', ');
    throw new InputError(`the file mixes currencies (${counts}): export or convert to one currency first`);
  }
  if (given && found.length === 1 && found[0] !== given) {
    throw new InputError(`--currency ${given}, but the file's amounts are in ${found[0]}`);
  }
  const currency = given ?? found[0];
  if (!currency) {
    throw new InputError(
      'the file does not say which currency its amounts are in (no currency column, no symbol with the amounts): ' +
        'give it with --currency, e.g. --currency EUR or --currency USD',
    );
  }
  return currency;
}
