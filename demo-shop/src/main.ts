/** The shop's script: shared header and consent banner, then the page's own behaviour. */
import { wireAccount } from './account.js';
import { wireConsentBanner } from './consent-banner.js';
import { wireHeader } from './header.js';
import { cartPage } from './pages/cart.js';
import { categoryPage } from './pages/category.js';
import { checkoutPage } from './pages/checkout.js';
import { homePage } from './pages/home.js';
import { productPage } from './pages/product.js';
import { searchPage } from './pages/search.js';
import { testerPage } from './pages/tester.js';
import { keepLinksOnRoute } from './route.js';

const PAGES: Record<string, () => void> = {
  home: homePage,
  category: categoryPage,
  product: productPage,
  search: searchPage,
  cart: cartPage,
  checkout: checkoutPage,
  tester: testerPage,
};

// With the debug panel open, cards also say which strategy picked them.
if (/[?&]vitrine_debug=1/.test(location.search)) document.body.classList.add('vitrine-debug');
keepLinksOnRoute();
wireHeader();
wireAccount();
wireConsentBanner();
PAGES[document.body.dataset.page ?? '']?.();
