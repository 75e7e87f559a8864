import { trackSearch, trackViewItemList } from '../analytics.js';
import { renderGrid } from '../card.js';
import { search } from '../catalog.js';
import { $, param, setText } from '../dom.js';

export function searchPage(): void {
  const query = (param('q') ?? '').trim();
  const results = search(query);
  setText('[data-search-title]', query ? `Search: “${query}”` : 'Search');
  setText('[data-search-summary]', query ? `${results.length} ${results.length === 1 ? 'result' : 'results'}` : 'Type a title, an author or a colour above.');
  renderGrid($('[data-grid]'), results);
  $('[data-search-empty]').hidden = !query || results.length > 0;
  if (query) {
    trackSearch(query);
    if (results.length) trackViewItemList('search', results);
  }
}
