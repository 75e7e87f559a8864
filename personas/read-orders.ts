/** Streams an orders CSV into a customer ledger, reporting bad rows by line number. */
import { createReadStream } from 'node:fs';
import { access, constants, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { detectDelimiter, insideQuotes, splitCsvRecord } from './csv-line.js';
import { CustomerLedger } from './customer-ledger.js';
import { InputError, locateColumns, OPTIONAL_COLUMNS, parseOrderLine, type ColumnIndex } from './order-row.js';

export interface ReadOptions {
  /** Our column name → the file's column name. */
  rename?: Readonly<Record<string, string>>;
  decimal?: '.' | ',';
  /** Detected from the header (',' ';' or tab) when not given. */
  delimiter?: string;
  /** Fail on the first bad row instead of skipping it. */
  strict?: boolean;
  /** Last day to include (days since 1970-01-01); later rows are left out. */
  untilDay?: number;
  /** Called every `progressEvery` rows with the rows read and the share of bytes read. */
  onProgress?: (rows: number, fraction: number) => void;
  progressEvery?: number;
}

export interface BadRow {
  line: number;
  reason: string;
}

export interface ReadResult {
  ledger: CustomerLedger;
  /** Data rows read, bad ones included. */
  rows: number;
  skippedRows: number;
  /** The first bad rows (at most `MAX_REPORTED`), each with its line number. */
  badRows: BadRow[];
  rowsAfterUntil: number;
  firstDay: number;
  lastDay: number;
  /** The file's name of each optional column found (after --map and synonyms). */
  optionalColumns: Partial<Record<(typeof OPTIONAL_COLUMNS)[number], string>>;
  /** Rows per currency, from the currency column or symbols with the amounts. */
  currencies: Map<string, number>;
}

/** A bad row under --strict. */
export class BadRowError extends InputError {
  constructor(readonly row: BadRow) {
    super(`line ${row.line}: ${row.reason}`);
  }
}

const MAX_REPORTED = 100;

export async function readOrders(path: string, options: ReadOptions = {}): Promise<ReadResult> {
  const size = await readableSize(path);
  const { decimal = '.', strict = false, untilDay = Infinity, onProgress, progressEvery = 100_000 } = options;
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });

  const result: ReadResult = {
    ledger: new CustomerLedger(),
    rows: 0,
    skippedRows: 0,
    badRows: [],
    rowsAfterUntil: 0,
    firstDay: Infinity,
    lastDay: -Infinity,
    optionalColumns: {},
    currencies: new Map(),
  };
  let columns: ColumnIndex | undefined;
  let delimiter = options.delimiter;
  let lineNumber = 0;
  let pending = '';
  let pendingStart = 0;

  const reject = (line: number, reason: string) => {
    if (strict) throw new BadRowError({ line, reason });
    result.skippedRows++;
    if (result.badRows.length < MAX_REPORTED) result.badRows.push({ line, reason });
  };

  for await (const text of lines) {
    lineNumber++;
    // A quoted field may hold a line break: keep reading until the quotes close.
    const record = pending ? `${pending}\n${text}` : text;
    if (!pending) pendingStart = lineNumber;
    if (insideQuotes(record)) {
      pending = record;
      continue;
    }
    pending = '';
    if (!columns) {
      const header = record.replace(/^\uFEFF/, '');
      delimiter ??= detectDelimiter(header);
      const names = splitCsvRecord(header, delimiter);
      columns = locateColumns(names, options.rename);
      for (const column of OPTIONAL_COLUMNS) if (columns[column] !== undefined) result.optionalColumns[column] = names[columns[column]!].trim();
      continue;
    }
    if (record.trim() === '') continue;
    result.rows++;
    const line = parseOrderLine(splitCsvRecord(record, delimiter!), columns, decimal);
    if (typeof line === 'string') reject(pendingStart, line);
    else if (line.day > untilDay) result.rowsAfterUntil++;
    else {
      result.ledger.add(line);
      if (line.currency) result.currencies.set(line.currency, (result.currencies.get(line.currency) ?? 0) + 1);
      if (line.day < result.firstDay) result.firstDay = line.day;
      if (line.day > result.lastDay) result.lastDay = line.day;
    }
    if (onProgress && result.rows % progressEvery === 0) onProgress(result.rows, size ? stream.bytesRead / size : 1);
  }
  if (pending) reject(pendingStart, 'a quoted field is never closed');
  if (!columns) throw new InputError(`${path} is empty: expected a header with ${['customer_id', 'date', 'amount'].join(', ')}`);
  return result;
}

async function readableSize(path: string): Promise<number> {
  try {
    await access(path, constants.R_OK);
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
    return info.size;
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as Error).message}`);
  }
}
