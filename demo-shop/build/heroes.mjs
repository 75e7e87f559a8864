// Hero pictures for the home page's hero slot: one scene per story the marketer's
// config tells (a new season, thriller nights, dresses, a welcome back, a thank you).
import { svg } from './svg.mjs';

const W = 960;
const H = 560;

function bookStack(x, y, colours) {
  return colours
    .map((c, i) => {
      const w = 190 - (i % 2) * 18;
      const top = y - (i + 1) * 34;
      return `<rect x="${x + (i % 3) * 8 - w / 2}" y="${top}" width="${w}" height="30" rx="3" fill="${c}"/><rect x="${x + (i % 3) * 8 - w / 2 + 12}" y="${top + 12}" width="${w - 60}" height="4" fill="#fff" opacity="0.5"/>`;
    })
    .join('');
}

function hangingDress(x, y, colour, scale = 1) {
  const s = (n) => n * scale;
  return (
    `<path d="M${x} ${y} q0 -14 10 -14 q10 0 10 10" stroke="#6b6b6b" stroke-width="3" fill="none"/>` +
    `<path d="M${x - s(40)} ${y + s(30)} L${x} ${y + s(6)} L${x + s(40)} ${y + s(30)}" stroke="#6b6b6b" stroke-width="3" fill="none"/>` +
    `<path d="M${x - s(26)} ${y + s(24)} Q${x} ${y + s(36)} ${x + s(26)} ${y + s(24)} L${x + s(34)} ${y + s(90)} L${x + s(80)} ${y + s(260)} Q${x} ${y + s(282)} ${x - s(80)} ${y + s(260)} L${x - s(34)} ${y + s(90)}Z" fill="${colour}"/>`
  );
}

const SCENES = {
  default: () =>
    `<rect width="${W}" height="${H}" fill="#f3ebe0"/><rect y="420" width="${W}" height="140" fill="#e2d3bf"/>` +
    `<circle cx="760" cy="150" r="90" fill="#f4a261" opacity="0.35"/>` +
    bookStack(300, 430, ['#264653', '#e76f51', '#2a9d8f', '#e9c46a', '#7a2e2e']) +
    `<rect x="560" y="60" width="300" height="8" rx="4" fill="#8d6e63"/>` +
    hangingDress(640, 70, '#9caf88') + hangingDress(780, 70, '#c8553d'),
  thrillers: () =>
    `<rect width="${W}" height="${H}" fill="#101820"/>` +
    `<circle cx="760" cy="130" r="70" fill="#f1faee" opacity="0.9"/><circle cx="735" cy="118" r="70" fill="#101820" opacity="0.35"/>` +
    `<path d="M0 430 L140 360 L220 400 L360 320 L520 410 L700 350 L960 420 V560 H0Z" fill="#000"/>` +
    `<path d="M560 410 V300 L620 250 L680 300 V410Z" fill="#050505"/><rect x="606" y="320" width="26" height="34" fill="#f4d35e"/>` +
    bookStack(260, 470, ['#e63946', '#1b1b1b', '#f4d35e', '#22223b', '#e63946']),
  reviews: () =>
    `<rect width="${W}" height="${H}" fill="#14202e"/>` +
    [[120, 90, '#f4d35e'], [420, 200, '#f1faee'], [180, 330, '#e63946']]
      .map(([x, y, c]) => `<rect x="${x}" y="${y}" width="360" height="110" rx="22" fill="${c}" opacity="0.95"/><path d="M${x + 40} ${y + 110} l0 34 l34 -34z" fill="${c}" opacity="0.95"/>` +
        `<text x="${x + 30}" y="${y + 78}" font-size="84" font-family="Georgia, serif" fill="#14202e" opacity="0.35">“</text>` +
        [0, 1, 2].map((i) => `<rect x="${x + 90}" y="${y + 30 + i * 22}" width="${230 - i * 50}" height="9" rx="4" fill="#14202e" opacity="0.45"/>`).join(''))
      .join('') +
    [0, 1, 2, 3, 4].map((i) => `<path d="M${660 + i * 52} 470 l10 22 24 3 -18 16 5 24 -21 -12 -21 12 5 -24 -18 -16 24 -3z" fill="#f4d35e"/>`).join(''),
  dresses: () =>
    `<rect width="${W}" height="${H}" fill="#f2e8e6"/><rect x="80" y="60" width="800" height="10" rx="5" fill="#8d6e63"/>` +
    ['#1d2b53', '#9caf88', '#c8553d', '#e9d8a6', '#6d1a36'].map((c, i) => hangingDress(170 + i * 155, 70, c, 0.95)).join(''),
  welcome: () =>
    `<rect width="${W}" height="${H}" fill="#e8f1ec"/>` +
    `<rect x="380" y="90" width="220" height="380" rx="6" fill="#2d5a3d"/><rect x="400" y="110" width="180" height="360" fill="#f6efe6"/>` +
    `<path d="M400 110 L520 140 V480 L400 470Z" fill="#3f7a55"/><circle cx="500" cy="300" r="8" fill="#e9c46a"/>` +
    bookStack(220, 470, ['#e76f51', '#264653', '#e9c46a']) + hangingDress(760, 120, '#f08a6c', 0.9),
  winback: () =>
    `<rect width="${W}" height="${H}" fill="#fdf0e6"/>` +
    `<rect x="330" y="200" width="300" height="240" rx="8" fill="#e76f51"/><rect x="310" y="160" width="340" height="60" rx="8" fill="#f4a261"/>` +
    `<rect x="466" y="160" width="28" height="280" fill="#fff"/><path d="M480 160 q-80 -90 -100 -20 q20 30 100 20 q80 10 100 -20 q-20 -70 -100 20z" fill="#fff"/>` +
    `<text x="720" y="150" font-size="64" font-family="'Helvetica Neue', Arial, sans-serif" font-weight="800" fill="#e76f51">−15%</text>`,
  champions: () =>
    `<rect width="${W}" height="${H}" fill="#1f2f4f"/>` +
    `<circle cx="480" cy="250" r="120" fill="#e9c46a"/><circle cx="480" cy="250" r="92" fill="none" stroke="#fff" stroke-width="6" opacity="0.7"/>` +
    `<path d="M420 350 L390 500 L440 470 L470 510 L480 370Z M540 350 L570 500 L520 470 L490 510 L480 370Z" fill="#e63946"/>` +
    `<path d="M480 190 l18 38 42 5 -31 29 8 41 -37 -20 -37 20 8 -41 -31 -29 42 -5z" fill="#fff"/>`,
};

export const HERO_NAMES = Object.keys(SCENES);

export function hero(name) {
  return svg(W, H, SCENES[name](), `Kaft & Kraag — ${name}`);
}
