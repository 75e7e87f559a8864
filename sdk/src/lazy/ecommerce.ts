// GA4 e-commerce pushes from a shop's `dataLayer` as Vitrine events, a separate bundle for
// the sites that opt in with `init({dataLayer: true})`. It leaves one function on
// `window.vitrineEcommerce`.
import { fromDataLayer } from '../events.js';

(window as { vitrineEcommerce?: typeof fromDataLayer }).vitrineEcommerce = fromDataLayer;
