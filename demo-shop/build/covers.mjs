// Book covers: one look per genre (dark and stark thrillers, quiet literary serifs, warm
// cookbooks, bright picture books), colours picked from the title so each is different.
import { CONDENSED, SANS, SERIF, esc, pick, svg, textLines, wrap } from './svg.mjs';

const W = 400;
const H = 500;
const COVER = { x: 80, y: 50, w: 240, h: 360 };
const CX = COVER.x + COVER.w / 2;

const GENRES = {
  thrillers: {
    palettes: [['#14202e', '#e63946'], ['#1b1b1b', '#f4d35e'], ['#0f2f2f', '#e9c46a'], ['#2b1313', '#f1faee'], ['#22223b', '#ef8354']],
    title: (t, ink) => textLines(wrap(t.toUpperCase(), 11), { x: CX, y: 140, size: 30, attrs: `${CONDENSED} font-weight="700" fill="${ink}" letter-spacing="1"` }),
    motif: (bg, ink) =>
      `<circle cx="${CX + 55}" cy="300" r="34" fill="${ink}" opacity="0.85"/>` +
      `<path d="M${COVER.x} 360 L${COVER.x + 60} 318 L${COVER.x + 95} 340 L${COVER.x + 150} 292 L${COVER.x + COVER.w} 350 V${COVER.y + COVER.h} H${COVER.x}Z" fill="#000" opacity="0.55"/>` +
      `<rect x="${COVER.x + 100}" y="328" width="10" height="14" fill="${ink}"/>`,
  },
  literature: {
    palettes: [['#f3ead8', '#7a2e2e'], ['#dfe7e2', '#234e52'], ['#efe1e6', '#5b3758'], ['#e8e2d0', '#3d405b'], ['#f6efe6', '#9c6644']],
    title: (t, ink) => textLines(wrap(t, 14), { x: CX, y: 150, size: 25, attrs: `${SERIF} font-style="italic" fill="${ink}"` }),
    motif: (bg, ink) =>
      `<rect x="${COVER.x + 14}" y="${COVER.y + 14}" width="${COVER.w - 28}" height="${COVER.h - 28}" fill="none" stroke="${ink}" stroke-width="1.5"/>` +
      `<path d="M${CX - 30} 300 q30 -40 60 0 q-30 40 -60 0Z" fill="${ink}" opacity="0.8"/>`,
  },
  cookbooks: {
    palettes: [['#f4a261', '#264653'], ['#e9c46a', '#6a040f'], ['#90be6d', '#1d3557'], ['#f28482', '#3d2c2e'], ['#ffd6a5', '#2a9d8f']],
    title: (t, ink) => textLines(wrap(t, 13), { x: CX, y: 118, size: 26, attrs: `${SANS} font-weight="800" fill="${ink}"` }),
    motif: (bg, ink) =>
      `<circle cx="${CX}" cy="295" r="62" fill="#fff" opacity="0.9"/><circle cx="${CX}" cy="295" r="44" fill="none" stroke="${ink}" stroke-width="3" opacity="0.5"/>` +
      `<circle cx="${CX - 12}" cy="288" r="11" fill="${ink}" opacity="0.7"/><circle cx="${CX + 14}" cy="300" r="8" fill="#e76f51"/><circle cx="${CX + 2}" cy="312" r="6" fill="#2a9d8f"/>`,
  },
  children: {
    palettes: [['#ffcb47', '#1d3557'], ['#8ecae6', '#023047'], ['#ffafcc', '#3a0ca3'], ['#b9fbc0', '#1b4332'], ['#ffd166', '#ef476f']],
    title: (t, ink) => textLines(wrap(t, 13), { x: CX, y: 112, size: 25, attrs: `${SANS} font-weight="800" fill="${ink}"` }),
    motif: (bg, ink) =>
      `<circle cx="${COVER.x + 190}" cy="200" r="22" fill="#fff" opacity="0.9"/>` +
      `<path d="M${COVER.x} 330 Q${COVER.x + 70} 270 ${COVER.x + 140} 320 T${COVER.x + COVER.w} 310 V${COVER.y + COVER.h} H${COVER.x}Z" fill="${ink}" opacity="0.8"/>` +
      `<circle cx="${COVER.x + 80}" cy="300" r="16" fill="#fff"/><circle cx="${COVER.x + 74}" cy="296" r="2.5" fill="${ink}"/><circle cx="${COVER.x + 86}" cy="296" r="2.5" fill="${ink}"/>`,
  },
};

export function bookCover(product) {
  const genre = GENRES[product.category] ?? GENRES.literature;
  const [bg, ink] = pick(genre.palettes, product.id);
  const author = product.attributes?.author ?? '';
  const { x, y, w, h } = COVER;
  const body =
    `<rect width="${W}" height="${H}" fill="#f1ece4"/>` +
    `<ellipse cx="${CX}" cy="${y + h + 14}" rx="${w / 2 + 10}" ry="10" fill="#000" opacity="0.12"/>` +
    `<g><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="${bg}"/>` +
    genre.motif(bg, ink) +
    genre.title(product.name, ink) +
    `<text x="${CX}" y="${y + h - 20}" font-size="14" text-anchor="middle" ${SANS} letter-spacing="2" fill="${ink}">${esc(author.toUpperCase())}</text>` +
    `<rect x="${x}" y="${y}" width="7" height="${h}" fill="#000" opacity="0.18"/></g>`;
  return svg(W, H, body, product.name);
}
