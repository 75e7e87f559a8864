// The demo's personas come from the persona builder (personas/cli.ts) run on the shop's
// order history, data/orders.csv. Its output is committed in persona-builder/ with the
// inputs it was made from (inputs.json: the CSV's SHA-256, the flags, the config's RFM
// bands and cart), so a fresh clone starts without refitting; when any input changes,
// `npm start` refits (a few seconds) and rewrites the folder.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const shopDir = dirname(fileURLToPath(import.meta.url));
const root = join(shopDir, '..');
export const BUILDER_DIR = join(shopDir, 'persona-builder');
const ORDERS = join(shopDir, 'data', 'orders.csv');
const CONFIG = join(shopDir, 'vitrine.config.json');
/** The demo data is in euros and was made with four kinds of customer in it. */
const FLAGS = ['--currency', 'EUR', '--k', '4'];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** What the builder's output depends on; equal inputs → the committed output stands. */
function currentInputs(config) {
  return {
    ordersSha256: createHash('sha256').update(readFileSync(ORDERS)).digest('hex'),
    flags: FLAGS,
    // --config reads these two: RFM bands for the scores, the threshold for the advice.
    site: { rfm: config.rfm, cart: config.cart },
  };
}

/**
 * Makes sure persona-builder/ holds the builder's output for the current inputs, refitting
 * when they changed. Answers whether it refitted.
 */
export function ensureBuilderOutput({ log = () => {} } = {}) {
  const inputs = currentInputs(readJson(CONFIG));
  const stamp = join(BUILDER_DIR, 'inputs.json');
  const made = existsSync(stamp) ? readFileSync(stamp, 'utf8') : '';
  if (made === `${JSON.stringify(inputs, null, 2)}\n` && existsSync(join(BUILDER_DIR, 'customers.ndjson'))) return false;
  log(`fitting personas on ${relative(root, ORDERS)} (the orders or the flags changed)…`);
  const args = ['tsx', 'personas/cli.ts', relative(root, ORDERS), ...FLAGS, '--config', relative(root, CONFIG), '--out', relative(root, BUILDER_DIR)];
  const run = spawnSync('npx', args, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the persona builder failed (npx ${args.join(' ')}):\n${run.stderr || run.stdout}`);
  writeFileSync(stamp, `${JSON.stringify(inputs, null, 2)}\n`);
  return true;
}

/** The builder's personas (`personas.config.json`). */
export function builderPersonas() {
  return readJson(join(BUILDER_DIR, 'personas.config.json')).personas;
}

/** The builder's `customers.ndjson`, as the text the traits upload takes. */
export function builderCustomersNdjson() {
  return readFileSync(join(BUILDER_DIR, 'customers.ndjson'), 'utf8');
}

/**
 * The config the demo pushes: vitrine.config.json with the builder's personas first (they
 * match signed-in customers by `customer.persona`, and others by their RFM cell); a
 * persona the file keeps under another id follows them.
 */
export function withBuilderPersonas(config, personas = builderPersonas()) {
  const ids = new Set(personas.map((p) => p.id));
  return { ...config, personas: [...personas, ...(config.personas ?? []).filter((p) => !ids.has(p.id))] };
}

/** vitrine.config.json merged with the committed builder personas. */
export function demoConfig() {
  return withBuilderPersonas(readJson(CONFIG));
}
