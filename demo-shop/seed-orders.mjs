// The demo's purchase history for the edge to learn from: `npm start` sends the first
// customers of data/orders.csv (the persona builder's input) through /v1/collect, so the
// local edge learns "also bought", bestsellers and category affinity ("people who buy
// thrillers also buy literature") from real-looking orders instead of a hand-pinned list.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DAY = 86_400_000;
/** Collect refuses events older than 30 days, and an address may bring 100 new visitors an hour. */
export const SEED_BUYERS = 90;
const SPAN_DAYS = 27;

/** FNV-1a, so each order line maps to the same product on every run. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The CSV's rows as objects (the file has no quoted fields). */
function rowsOf(csv) {
  const [header, ...lines] = csv.trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

/**
 * One collect batch per customer: each order a `purchase`, dated over the last SPAN_DAYS in
 * the order the file has them, each line a catalog product of the line's category. Event and
 * visitor ids are fixed, so a second run is deduplicated rather than counted again.
 */
export function seedBatches({ csv, catalog, site, now, buyers = SEED_BUYERS }) {
  const inStock = new Map();
  for (const p of catalog) if (p.inStock !== false) inStock.set(p.category, [...(inStock.get(p.category) ?? []), p]);
  const customers = new Map();
  for (const row of rowsOf(csv)) {
    if (!inStock.has(row.category)) continue;
    const orders = customers.get(row.customer_id) ?? new Map();
    if (!customers.has(row.customer_id)) {
      if (customers.size === buyers) continue;
      customers.set(row.customer_id, orders);
    }
    orders.set(row.order_id, [...(orders.get(row.order_id) ?? []), row]);
  }
  return [...customers].map(([customer, orders]) => ({
    site,
    visitor: `seed-${customer}`,
    consent: { analytics: true, personalization: true },
    events: [...orders].map(([order, lines], k) => {
      const items = lines.map((line, i) => {
        const choices = inStock.get(line.category);
        const p = choices[hash(`${order}:${i}`) % choices.length];
        return { item_id: p.id, item_name: p.name, item_category: p.category, price: p.price, quantity: Number(line.quantity) || 1 };
      });
      const value = Math.round(items.reduce((sum, i) => sum + i.price * i.quantity, 0) * 100) / 100;
      const ts = Math.round(now - SPAN_DAYS * DAY + ((k + 1) / orders.size) * (SPAN_DAYS * DAY - 3_600_000));
      return { id: `seed-order-${order}`, name: 'purchase', ts, transaction_id: `seed-${order}`, value, currency: 'EUR', items };
    }),
  }));
}

/** Sends the seed through the edge's collect; returns how many purchases it took. */
export async function seedOrders({ base, site, shopDir, now = Date.now() }) {
  const csv = readFileSync(join(shopDir, 'data/orders.csv'), 'utf8');
  const catalog = JSON.parse(readFileSync(join(shopDir, 'catalog.json'), 'utf8'));
  let accepted = 0;
  for (const batch of seedBatches({ csv, catalog, site, now })) {
    const res = await fetch(`${base}/v1/collect`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify(batch) });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(`collect answered ${res.status}: ${body.error ?? ''}`);
    accepted += body.accepted ?? 0;
  }
  return accepted;
}
