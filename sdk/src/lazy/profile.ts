// The profile cookie's encoder, a separate bundle: the cookie only serves the next
// navigation (the edge's HTML proxy decides from it), never the page being painted, so
// it stays off the main script's path. It leaves one function on `window.vitrineProfileCookie`.
import { encodeProfileCookie } from '../../../shared/profile-cookie.js';

(window as { vitrineProfileCookie?: typeof encodeProfileCookie }).vitrineProfileCookie = encodeProfileCookie;
