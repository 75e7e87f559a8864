/**
 * Running totals per customer while the file streams by: one entry per customer-day (rows of
 * the same day are summed as they come), category and channel counts. Memory grows with
 * customer-days, never with rows.
 */
import type { OrderLine } from './order-row.js';

export interface CustomerHistory {
  customerId: string;
  /** Distinct purchase days, ascending (days since 1970-01-01). */
  days: number[];
  /** Amount of each of those days: the sum of its rows. */
  amounts: number[];
  /** Order lines per category, indexed like `Ledger.categories`. */
  categoryLines: number[];
  channelLines: number[];
}

interface Account {
  days: number[];
  amounts: number[];
  categoryLines: number[];
  channelLines: number[];
}

export class CustomerLedger {
  readonly categories: string[] = [];
  readonly channels: string[] = [];
  private readonly accounts = new Map<string, Account>();
  private readonly categoryIndex = new Map<string, number>();
  private readonly channelIndex = new Map<string, number>();

  get size(): number {
    return this.accounts.size;
  }

  add(line: OrderLine): void {
    let account = this.accounts.get(line.customerId);
    if (!account) {
      account = { days: [], amounts: [], categoryLines: [], channelLines: [] };
      this.accounts.set(line.customerId, account);
    }
    const last = account.days.length - 1;
    // Exports are usually in date order, so a same-day row is most often the previous one's day.
    if (last >= 0 && account.days[last] === line.day) account.amounts[last] += line.amount;
    else {
      account.days.push(line.day);
      account.amounts.push(line.amount);
    }
    if (line.category) count(account.categoryLines, indexOf(line.category, this.categoryIndex, this.categories));
    if (line.channel) count(account.channelLines, indexOf(line.channel, this.channelIndex, this.channels));
  }

  /**
   * Each customer's days sorted with same-day amounts merged, in first-seen order. Each
   * account is released as it is handed out, so the ledger and the results never both
   * hold every customer: afterwards the ledger is empty (its category and channel names stay).
   */
  *drain(): Generator<CustomerHistory> {
    for (const [customerId, account] of this.accounts) {
      this.accounts.delete(customerId);
      const { days, amounts } = mergeDays(account.days, account.amounts);
      yield {
        customerId,
        days,
        amounts,
        categoryLines: padded(account.categoryLines, this.categories.length),
        channelLines: padded(account.channelLines, this.channels.length),
      };
    }
  }
}

function indexOf(name: string, index: Map<string, number>, names: string[]): number {
  let i = index.get(name);
  if (i === undefined) {
    i = names.push(name) - 1;
    index.set(name, i);
  }
  return i;
}

function count(counts: number[], i: number): void {
  while (counts.length <= i) counts.push(0);
  counts[i]++;
}

function padded(counts: number[], length: number): number[] {
  return Array.from({ length }, (_, i) => counts[i] ?? 0);
}

function mergeDays(days: number[], amounts: number[]): { days: number[]; amounts: number[] } {
  const order = days.map((_, i) => i).sort((i, j) => days[i] - days[j]);
  const merged = { days: [] as number[], amounts: [] as number[] };
  for (const i of order) {
    const last = merged.days.length - 1;
    if (last >= 0 && merged.days[last] === days[i]) merged.amounts[last] += amounts[i];
    else {
      merged.days.push(days[i]);
      merged.amounts.push(amounts[i]);
    }
  }
  return merged;
}
