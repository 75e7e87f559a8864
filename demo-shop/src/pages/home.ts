import { trackViewItemList } from '../analytics.js';
import { fillDefaultItems } from '../card.js';
import { BESTSELLER_IDS, findProduct, type Product } from '../catalog.js';
import { $ } from '../dom.js';

export function homePage(): void {
  const bestsellers = BESTSELLER_IDS.map((id) => findProduct(id)).filter((p): p is Product => !!p);
  fillDefaultItems($('[data-vitrine-slot="recommended"]'), bestsellers);
  trackViewItemList('home', bestsellers);
}
