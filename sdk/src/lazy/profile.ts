// The visitor's profile, a separate bundle: only a visitor with personalization consent
// has one. It holds the folding of events into the running totals, the summary a decide
// carries, and the profile cookie's encoder (the edge's HTML proxy decides from the
// cookie on the next navigation). It leaves them on `window.vitrineProfile`.
import { encodeProfileCookie } from '../../../shared/profile-cookie.js';
import { fold, summarize } from '../summary.js';

export const profileTools = { fold, summarize, encodeCookie: encodeProfileCookie };

(window as { vitrineProfile?: typeof profileTools }).vitrineProfile = profileTools;
