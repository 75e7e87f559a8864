import { trackViewItemList } from '../analytics.js';
import { renderGrid } from '../card.js';
import { CATALOG, categoryInfo, inCategory, sortProducts, type SortOrder } from '../catalog.js';
import { $, param, setText } from '../dom.js';

export function categoryPage(): void {
  const info = categoryInfo(param('c'));
  const products = info ? inCategory(info.id) : [...CATALOG];
  const title = info?.label ?? 'Everything in the shop';
  document.title = `${title} · Kaft & Kraag`;
  setText('[data-category-title]', title);
  setText('[data-category-intro]', info?.intro ?? 'Books and clothes, all in one place.');
  setText('[data-category-department]', info ? `${info.department} › ${info.label}` : 'All products');

  const grid = $('[data-grid]');
  const sort = $<HTMLSelectElement>('[data-sort]');
  const render = () => renderGrid(grid, sortProducts(products, sort.value as SortOrder));
  sort.addEventListener('change', render);
  render();
  trackViewItemList(info?.id ?? 'all', products);
}
