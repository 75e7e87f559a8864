/** One CSV row as an order line: finding the columns and parsing the fields, with reasons. */

export const REQUIRED_COLUMNS = ['customer_id', 'date', 'amount'] as const;
/**
 * order_id and quantity may be present and are not needed: a transaction is a customer's
 * day, and amount is the row's total.
 */
export const OPTIONAL_COLUMNS = ['category', 'channel'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

export type ColumnIndex = Record<(typeof REQUIRED_COLUMNS)[number], number> &
  Partial<Record<(typeof OPTIONAL_COLUMNS)[number], number>>;

export interface OrderLine {
  customerId: string;
  /** Calendar day of the order as written in the file, in days since 1970-01-01. */
  day: number;
  amount: number;
  category?: string;
  channel?: string;
}

/** A problem with the file as a whole (unreadable, a required column missing): exit code 1. */
export class InputError extends Error {}

/**
 * Where each column is. `rename` maps our column name to the file's (`customer_id` →
 * `Klantnummer`); names match after trimming, ignoring case.
 */
export function locateColumns(header: readonly string[], rename: Readonly<Record<string, string>> = {}): ColumnIndex {
  const position = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const find = (column: Column) => position.get((rename[column] ?? column).trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => find(c) === undefined);
  if (missing.length > 0) {
    const named = missing.map((c) => (rename[c] ? `${c} (mapped to "${rename[c]}")` : c)).join(', ');
    throw new InputError(`missing column ${named}; the header has: ${header.join(', ')}. Map a column with --map ${missing[0]}=<name in file>`);
  }
  const index = {} as ColumnIndex;
  for (const column of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const i = find(column);
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
  const amount = parseAmount(fields[columns.amount], decimal);
  if (typeof amount === 'string') return amount;
  const line: OrderLine = { customerId, day, amount };
  const label = (column: 'category' | 'channel') => {
    const i = columns[column];
    const value = i === undefined ? '' : (fields[i] ?? '').trim();
    if (value) line[column] = value.toLowerCase();
  };
  label('category');
  label('channel');
  return line;
}
