/** The CLI's flags: parsing, checking and the help text that states the conventions. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { RfmEdges } from '../shared/rfm.js';
import { ConfigSchema } from '../shared/schema/config.js';
import { parseHorizon } from './clv.js';
import type { TimeUnit } from './customer-facts.js';
import { currencyCode } from './order-row.js';
import type { PersonaOptions } from './pipeline.js';

export const HELP = `Usage: npm run personas -- <orders.csv> [flags]

Builds 2–5 data-driven personas from a shop's order history and writes, to --out:
  model.json            fitted models and the personas with their plans and rules
  customers.ndjson      one line per customer: RFM, P(alive), expected purchases, CLV, persona
                        (upload with PUT /admin/sites/:site/traits; rules read it as customer.*)
  personas.config.json  {"personas": [...]} to merge into the site config
  report.html           self-contained report with charts

Input: a CSV with a header. Required columns customer_id, date (ISO date or date-time),
amount (the row's total); optional category, channel and currency (an ISO code such as EUR;
order_id and quantity may be present and are not needed). Without --map, category is also
found as item_category, product_category, categorie or productgroep; channel as
session_source, utm_source, source or kanaal; currency as currency_code or valuta.
The delimiter (, ; or tab) is detected from the header. Amounts may carry a currency
symbol or code ("$29.33", "12,50 EUR").

Flags:
  --out <dir>            output folder (default personas-out)
  --map <col>=<name>     read our column <col> from the file's column <name>; repeatable
                         (--map customer_id=Klantnummer --map amount=Bedrag
                         --map category=Afdeling --map channel=Bron)
  --decimal <. or ,>     decimal mark of amounts (default .); the other mark is accepted only
                         as a thousands separator in groups of three
  --delimiter <char>     , ; or tab, overriding detection
  --strict               stop at the first bad row (default: skip bad rows, count and list them)
  --until <YYYY-MM-DD>   end of the period (default: the last date in the file); later rows
                         are left out
  --unit <day|week>      time unit of the models (default week)
  --horizon <n{d,w,m,y}> CLV horizon (default 12m)
  --margin <fraction>    profit margin on revenue (default 0.3)
  --discount <fraction>  yearly discount rate (default 0.1)
  --k <2..5>             number of personas (default: best silhouette between 2 and 5)
  --seed <n>             seed of the clustering (default 1)
  --config <file>        a site config: score RFM with its "rfm" bands (the edge's defaults
                         when it has none) instead of the data's, and compare baskets with
                         its free-shipping threshold (cart.freeShippingAbove)
  --currency <code>      ISO code of the amounts (EUR, USD; € $ £ accepted); required unless
                         a currency column or symbols with the amounts show it
  --help

Conventions (those of the published CDNOW examples, so results compare with them):
  - several purchases by a customer on the same calendar day (as written in the file) count
    as one transaction whose amount is their sum;
  - frequency x is the number of repeat transaction days (the first purchase excluded);
  - recency t_x and age T run from the customer's first purchase date to their last purchase
    date and to the --until date (T = until − first, in days, divided by 7 for weeks);
  - three purchase models are fitted by maximum likelihood: BG/NBD (Fader, Hardie & Lee
    2005), the modified BG/NBD (Batislam et al. 2007) and Pareto/NBD (Schmittlein et al.
    1987); the one with the lowest AIC gives P(alive), expected purchases and CLV (all three
    have four parameters, so this is the highest likelihood, and BIC agrees); unlike BG/NBD,
    the other two let a customer who never bought again be gone;
  - Gamma-Gamma (Fader & Hardie 2013) is fitted on customers with at least one repeat
    transaction, using the mean of their repeat transactions; those whose repeat mean is 0
    are left out and counted;
  - CLV = margin × expected transaction value × expected purchases per month of the horizon,
    each month discounted at the yearly rate;
  - RFM frequency counts purchase days and monetary is total spend; scores 1–5 by quintiles
    of this data (frequency: at its distinct values, so no band is empty) unless --config
    gives the site's bands.
`;

export interface CliOptions extends PersonaOptions {
  input: string;
  outDir: string;
  help: boolean;
}

/** Parsed options, or a message saying what is wrong with the flags. */
export function parseCli(argv: readonly string[]): CliOptions | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        out: { type: 'string', default: 'personas-out' },
        map: { type: 'string', multiple: true, default: [] },
        decimal: { type: 'string', default: '.' },
        delimiter: { type: 'string' },
        strict: { type: 'boolean', default: false },
        until: { type: 'string' },
        unit: { type: 'string', default: 'week' },
        horizon: { type: 'string', default: '12m' },
        margin: { type: 'string', default: '0.3' },
        discount: { type: 'string', default: '0.1' },
        k: { type: 'string' },
        seed: { type: 'string', default: '1' },
        config: { type: 'string' },
        currency: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return (error as Error).message;
  }
  const { values, positionals } = parsed;
  if (values.help) return { input: '', outDir: '', help: true };
  if (positionals.length !== 1) return 'give exactly one orders CSV file';
  try {
    return {
      input: positionals[0],
      outDir: values.out,
      help: false,
      read: {
        rename: parseMap(values.map),
        decimal: oneOf(values.decimal, ['.', ','] as const, '--decimal'),
        delimiter: values.delimiter === undefined ? undefined : values.delimiter === 'tab' ? '\t' : oneOf(values.delimiter, [',', ';', '\t'] as const, '--delimiter'),
        strict: values.strict,
      },
      until: values.until,
      unit: oneOf(values.unit, ['day', 'week'] as const, '--unit') as TimeUnit,
      horizonDays: parseHorizon(values.horizon),
      margin: fraction(values.margin, '--margin'),
      annualDiscount: fraction(values.discount, '--discount'),
      k: values.k === undefined ? undefined : integerIn(values.k, 2, 5, '--k'),
      seed: integerIn(values.seed, 0, 2 ** 31, '--seed'),
      ...(values.config === undefined ? {} : siteSettings(values.config)),
      currency: values.currency === undefined ? undefined : currencyFlag(values.currency),
    };
  } catch (error) {
    return (error as Error).message;
  }
}

function parseMap(pairs: readonly string[]): Record<string, string> {
  const rename: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) throw new Error(`--map ${pair}: expected <column>=<name in file>`);
    rename[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return rename;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`${flag} must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  return value as T;
}

function fraction(text: string, flag: string): number {
  const n = Number(text);
  if (!(n >= 0 && n <= 1)) throw new Error(`${flag} must be a fraction between 0 and 1 (got ${text})`);
  return n;
}

function integerIn(text: string, lo: number, hi: number, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`${flag} must be a whole number from ${lo} to ${hi}`);
  return n;
}

function currencyFlag(text: string): string {
  const code = currencyCode(text);
  if (!code) throw new Error(`--currency ${text} is not a currency: give an ISO code such as EUR, USD or GBP`);
  return code;
}

/** What the builder takes from a site config: its RFM bands and free-shipping threshold. */
const SiteSettings = ConfigSchema.pick({ rfm: true, cart: true });

function siteSettings(path: string): { rfmEdges: RfmEdges; freeShippingAbove?: number } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${path}: ${(error as Error).message}`);
  }
  const parsed = SiteSettings.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Error(`--config ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { rfmEdges: parsed.data.rfm, freeShippingAbove: parsed.data.cart.freeShippingAbove };
}
