/**
 * The shop's own cart, in localStorage. It is the shop's business (any shop has a cart);
 * Vitrine learns about it only from the add_to_cart / remove_from_cart events the shop tracks.
 */
import { findProduct, type Product } from './catalog.js';

export interface CartLine {
  id: string;
  size?: string;
  qty: number;
}

export interface PricedLine extends CartLine {
  product: Product;
  total: number;
}

export const FREE_SHIPPING_FROM = 40;
export const SHIPPING_FEE = 4.95;
const KEY = 'kk-cart';
export const CART_CHANGED = 'kk-cart-changed';

export function readCart(): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((l): l is CartLine => typeof l?.id === 'string' && l.qty > 0) : [];
  } catch {
    return [];
  }
}

function writeCart(lines: CartLine[]): void {
  localStorage.setItem(KEY, JSON.stringify(lines));
  dispatchEvent(new CustomEvent(CART_CHANGED));
}

const sameLine = (a: CartLine, id: string, size?: string) => a.id === id && a.size === size;

export function addToCart(id: string, qty: number, size?: string): void {
  const lines = readCart();
  const line = lines.find((l) => sameLine(l, id, size));
  if (line) line.qty += qty;
  else lines.push({ id, qty, ...(size ? { size } : {}) });
  writeCart(lines);
}

export function setQuantity(id: string, size: string | undefined, qty: number): void {
  writeCart(readCart().flatMap((l) => (sameLine(l, id, size) ? (qty > 0 ? [{ ...l, qty }] : []) : [l])));
}

export function clearCart(): void {
  writeCart([]);
}

export function pricedLines(lines: CartLine[] = readCart()): PricedLine[] {
  return lines.flatMap((l) => {
    const product = findProduct(l.id);
    return product ? [{ ...l, product, total: round(product.price * l.qty) }] : [];
  });
}

export interface CartTotals {
  items: number;
  subtotal: number;
  shipping: number;
  total: number;
}

export function totals(lines: PricedLine[]): CartTotals {
  const subtotal = round(lines.reduce((sum, l) => sum + l.total, 0));
  const shipping = subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
  return { items: lines.reduce((n, l) => n + l.qty, 0), subtotal, shipping, total: round(subtotal + shipping) };
}

function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}
