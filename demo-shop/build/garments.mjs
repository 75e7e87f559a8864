// Fashion pictures: a flat silhouette per garment kind in the product's own colour, on
// a soft studio background, so the grid reads like product photography at a glance.
import { esc, pick, svg } from './svg.mjs';

const W = 400;
const H = 500;

/** Colour words used in the catalog, mapped to fills; unknown words fall back to a palette. */
const COLOURS = {
  midnight: '#1d2b53', sage: '#9caf88', ecru: '#e8dcc4', camel: '#c19a6b', terracotta: '#c8553d', black: '#222',
  indigo: '#3f51b5', bordeaux: '#6d1a36', navy: '#1f2f4f', poppy: '#e63946', champagne: '#e9d8a6', blue: '#4a7fb5',
  olive: '#6b7041', light: '#a9c4de', charcoal: '#3c3c3c', mustard: '#d4a017', cream: '#f3e9d2', sand: '#d8c3a5',
  rust: '#b7472a', forest: '#2d5a3d', natural: '#e6dcc6', tan: '#c69c6d', heather: '#9a9a9a', coral: '#f08a6c',
  cognac: '#9a4f25', dark: '#4a3222', oatmeal: '#d9ccb4', multi: '#f4a261',
};
const FALLBACK = ['#b56576', '#6d597a', '#355070', '#e56b6f'];

function fillOf(product) {
  const word = String(product.attributes?.colour ?? '').toLowerCase().split(/[\s/]+/)[0];
  return COLOURS[word] ?? pick(FALLBACK, product.id);
}

const SHAPES = {
  dress: (c) =>
    `<path d="M170 80 Q200 96 230 80 L246 96 L236 150 Q232 180 240 200 L300 420 Q200 445 100 420 L160 200 Q168 180 164 150 L154 96Z" fill="${c}"/>` +
    `<path d="M164 200 Q200 212 236 200" stroke="#000" stroke-opacity="0.2" stroke-width="4" fill="none"/>`,
  jacket: (c) =>
    `<path d="M160 80 L200 100 L240 80 L300 110 L330 300 L300 310 L280 200 L282 410 L118 410 L120 200 L100 310 L70 300 L100 110Z" fill="${c}"/>` +
    `<path d="M200 100 L200 410 M160 80 L200 170 L240 80" stroke="#000" stroke-opacity="0.25" stroke-width="4" fill="none"/>` +
    `<circle cx="190" cy="220" r="5" fill="#000" opacity="0.3"/><circle cx="190" cy="280" r="5" fill="#000" opacity="0.3"/>`,
  bag: (c) =>
    `<path d="M150 190 Q150 110 200 110 Q250 110 250 190" stroke="${c}" stroke-width="12" fill="none"/>` +
    `<rect x="110" y="180" width="180" height="200" rx="14" fill="${c}"/><rect x="110" y="180" width="180" height="30" rx="10" fill="#000" opacity="0.12"/>`,
  scarf: (c) =>
    `<path d="M130 100 Q200 150 270 100 L280 130 Q200 190 120 130Z" fill="${c}"/>` +
    `<path d="M150 140 L140 400 L190 400 L200 160Z M240 150 L260 380 L215 385 L205 165Z" fill="${c}"/>` +
    `<path d="M140 400 l5 18 M155 400 l3 18 M170 400 l2 18 M185 400 l1 18" stroke="${c}" stroke-width="3"/>`,
  hat: (c) =>
    `<ellipse cx="200" cy="320" rx="150" ry="36" fill="${c}"/><path d="M130 320 Q130 190 200 190 Q270 190 270 320Z" fill="${c}"/>` +
    `<path d="M132 292 Q200 306 268 292 L270 312 Q200 326 130 312Z" fill="#000" opacity="0.25"/>`,
  belt: (c) =>
    `<path d="M60 260 Q200 200 340 260 L340 290 Q200 230 60 290Z" fill="${c}"/>` +
    `<rect x="180" y="215" width="46" height="40" rx="6" fill="none" stroke="#b08d57" stroke-width="7"/>`,
  bookmark: (c) =>
    `<path d="M150 90 H200 V400 L175 370 L150 400Z" fill="${c}"/><path d="M215 110 H265 V410 L240 380 L215 410Z" fill="${c}" opacity="0.75"/>`,
  case: (c) => `<rect x="100" y="200" width="200" height="90" rx="45" fill="${c}"/><path d="M120 245 H280" stroke="#fff" stroke-opacity="0.4" stroke-width="3" stroke-dasharray="8 6"/>`,
  gloves: (c) =>
    `<path d="M120 380 V230 q0-20 14-20 V150 q0-14 12-14 q12 0 12 14 V130 q0-14 12-14 q12 0 12 14 V140 q0-14 12-14 q12 0 12 14 V240 l20-30 q12-12 20 0 L220 300 V380Z" fill="${c}"/>`,
  pin: (c) => `<circle cx="160" cy="220" r="50" fill="${c}"/><rect x="210" y="240" width="90" height="90" rx="18" fill="#2a9d8f"/><path d="M150 360 l20 -40 l20 40z" fill="#e63946"/>`,
};

export function garment(product) {
  const kind = product.category === 'dresses' ? 'dress' : product.category === 'jackets' ? 'jacket' : product.attributes?.kind;
  const shape = SHAPES[kind] ?? SHAPES.bag;
  const backdrop = pick(['#efe9e1', '#e8ecef', '#f2e8e6', '#eaefe7'], product.id);
  const body =
    `<rect width="${W}" height="${H}" fill="${backdrop}"/>` +
    `<ellipse cx="200" cy="445" rx="140" ry="12" fill="#000" opacity="0.08"/>` +
    shape(fillOf(product)) +
    `<desc>${esc(product.attributes?.colour ?? '')}</desc>`;
  return svg(W, H, body, product.name);
}
