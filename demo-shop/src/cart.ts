/**
 * The shop's own cart, in localStorage. It is the shop's business (any shop has a cart);
 * Vitrine learns about it only from the add_to_cart / remove_from_cart events the shop tracks.
 */
import config from '../vitrine.config.json';
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

/** One source: the config's `cart.freeShippingAbove`, which also gives rules `cart.toFreeShipping`. */
export const FREE_SHIPPING_FROM: number = config.cart.freeShippingAbove;
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
  /** Taken off the subtotal by a redeemed code (0 without one). */
  discount: number;
  shipping: number;
  total: number;
}

/** Shipping is free from the threshold on the goods' value, before any code's discount. */
export function totals(lines: PricedLine[], discountPercent = 0): CartTotals {
  const subtotal = round(lines.reduce((sum, l) => sum + l.total, 0));
  const discount = round((subtotal * discountPercent) / 100);
  const shipping = subtotal === 0 || subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
  return { items: lines.reduce((n, l) => n + l.qty, 0), subtotal, discount, shipping, total: round(subtotal - discount + shipping) };
}

function round(amount: number): number {
  return Math.round(amount * 100) / 100;
}
