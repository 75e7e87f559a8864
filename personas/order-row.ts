/** One CSV row as an order line: finding the columns and parsing the fields, with reasons. */

export const REQUIRED_COLUMNS = ['customer_id', 'date', 'amount'] as const;
/**
 * order_id and quantity may be present and are not needed: a transaction is a customer's
 * day, and amount is the row's total. currency holds ISO codes (EUR, USD).
 */
export const OPTIONAL_COLUMNS = ['category', 'channel', 'currency'] as const;
export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/**
 * Other names common exports give the optional columns (GA4's item_category and
 * session_source, Dutch shop systems' productgroep and kanaal), tried when the file has
 * no column of our name and --map names none. The report says which column was used.
 */
export const COLUMN_SYNONYMS: Readonly<Record<(typeof OPTIONAL_COLUMNS)[number], readonly string[]>> = {
  category: ['item_category', 'product_category', 'categorie', 'productgroep'],
  channel: ['session_source', 'utm_source', 'source', 'kanaal'],
  currency: ['currency_code', 'valuta'],
};

export type ColumnIndex = Record<(typeof REQUIRED_COLUMNS)[number], number> &
  Partial<Record<(typeof OPTIONAL_COLUMNS)[number], number>>;

export interface OrderLine {
  customerId: string;
  /** Calendar day of the order as written in the file, in days since 1970-01-01. */
  day: number;
  amount: number;
  category?: string;
  channel?: string;
  /** ISO code, from the currency column or a symbol or code written with the amount. */
  currency?: string;
}

/** A problem with the file as a whole (unreadable, a required column missing): exit code 1. */
export class InputError extends Error {}

/**
 * Where each column is. `rename` maps our column name to the file's (`customer_id` →
 * `Klantnummer`); names match after trimming, ignoring case. A mapped column must exist,
 * optional or not: a typo in --map would otherwise silently drop categories or channels.
 */
export function locateColumns(header: readonly string[], rename: Readonly<Record<string, string>> = {}): ColumnIndex {
  const position = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const at = (name: string) => position.get(name.trim().toLowerCase());
  const known: readonly string[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
  for (const ours of Object.keys(rename)) {
    if (!known.includes(ours)) throw new InputError(`--map ${ours}=…: unknown column "${ours}"; the columns are ${known.join(', ')}`);
  }
  const missing = REQUIRED_COLUMNS.filter((c) => at(rename[c] ?? c) === undefined);
  if (missing.length > 0) {
    const named = missing.map((c) => (rename[c] ? `${c} (mapped to "${rename[c]}")` : c)).join(', ');
    throw new InputError(`missing column ${named}; the header has: ${header.join(', ')}. Map a column with --map ${missing[0]}=<name in file>`);
  }
  const index = {} as ColumnIndex;
  for (const column of REQUIRED_COLUMNS) index[column] = at(rename[column] ?? column)!;
  for (const column of OPTIONAL_COLUMNS) {
    const mapped = rename[column];
    if (mapped !== undefined && at(mapped) === undefined) {
      throw new InputError(`--map ${column}=${mapped}: the header has no column "${mapped}"; it has: ${header.join(', ')}`);
    }
    const i = mapped !== undefined ? at(mapped) : [column, ...COLUMN_SYNONYMS[column]].map(at).find((p) => p !== undefined);
    if (i !== undefined) index[column] = i;
  }
  return index;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date or date-time; the day as written (the shop's own day). */
export function parseDay(text: string): number | string {
  const m = DATE.exec(text.trim());
  if (!m) return `date "${text}" is not an ISO date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  if (new Date(ms).getUTCDate() !== day || month < 1 || month > 12) return `date "${text}" does not exist`;
  return ms / DAY_MS;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const SYMBOLS: Readonly<Record<string, string>> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };
/** A currency symbol or ISO code before or after the number: "$29.33", "12,50 €", "EUR 7". */
const MARKED = /^\s*(?:([€$£¥]|[A-Z]{3})\s*)?([^€$£¥A-Z]*?)(?:\s*([€$£¥]|[A-Z]{3}))?\s*$/;

// Intl.supportedValuesOf is in Node 18+, not yet in TypeScript's ES2022 library.
const ISO_CODES = new Set((Intl as unknown as { supportedValuesOf(key: 'currency'): string[] }).supportedValuesOf('currency'));

/** A currency symbol or code as its ISO code ("$" reads as USD), or null for an unknown code. */
export function currencyCode(text: string): string | null {
  const code = SYMBOLS[text.trim()] ?? text.trim().toUpperCase();
  return ISO_CODES.has(code) ? code : null;
}

/** The amount text without its currency marker, and the marker's ISO code if it had one. */
export function splitCurrency(text: string): { number: string; currency?: string } | string {
  const m = MARKED.exec(text);
  if (!m || (m[1] && m[3])) return { number: text };
  const marker = m[1] ?? m[3];
  if (!marker) return { number: text };
  const currency = currencyCode(marker);
  return currency ? { number: m[2], currency } : `amount "${text}": unknown currency "${marker}"`;
}
const GROUPED = { '.': /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/, ',': /^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$/ };

/**
 * An amount with '.' or ',' as the decimal mark. The other mark is accepted only as a
 * thousands separator in groups of three ("1.234,50" with decimal ','), so "12,50" read with
 * decimal '.' is refused rather than taken as 1250.
 */
export function parseAmount(text: string, decimal: '.' | ','): number | string {
  const thousands = decimal === '.' ? ',' : '.';
  let normal = text.trim().replace(/[\s']/g, '');
  if (normal.includes(thousands)) {
    if (!GROUPED[decimal].test(normal)) return `amount "${text}" is not a number${decimal === '.' ? ' (use --decimal , for a decimal comma)' : ''}`;
    normal = normal.split(thousands).join('');
  }
  if (decimal === ',') normal = normal.replace(',', '.');
  if (!NUMBER.test(normal)) return `amount "${text}" is not a number`;
  const amount = Number(normal);
  if (amount < 0) return `amount ${text} is negative (net refunds out before exporting)`;
  return amount;
}

export function parseOrderLine(fields: readonly string[], columns: ColumnIndex, decimal: '.' | ','): OrderLine | string {
  const needed = Math.max(columns.customer_id, columns.date, columns.amount);
  if (fields.length <= needed) return `has ${fields.length} fields, the header needs at least ${needed + 1}`;
  const customerId = fields[columns.customer_id].trim();
  if (!customerId) return 'customer_id is empty';
  const day = parseDay(fields[columns.date]);
  if (typeof day === 'string') return day;
  const marked = splitCurrency(fields[columns.amount]);
  if (typeof marked === 'string') return marked;
  const amount = parseAmount(marked.number, decimal);
  if (typeof amount === 'string') return amount;
  const line: OrderLine = { customerId, day, amount };
  const currency = columns.currency === undefined ? '' : (fields[columns.currency] ?? '').trim();
  if (currency) {
    const code = currencyCode(currency);
    if (!code) return `currency "${currency}" is not an ISO code such as EUR or USD`;
    if (marked.currency && marked.currency !== code) return `amount "${fields[columns.amount]}" is in ${marked.currency}, the currency column says ${code}`;
    line.currency = code;
  } else if (marked.currency) line.currency = marked.currency;
  const label = (column: 'category' | 'channel') => {
    const i = columns[column];
    const value = i === undefined ? '' : (fields[i] ?? '').trim();
    if (value) line[column] = value.toLowerCase();
  };
  label('category');
  label('channel');
  return line;
}
