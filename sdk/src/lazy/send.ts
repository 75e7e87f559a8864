// What sends to the edge after the page is painted, a separate bundle: events are stored
// the moment they are tracked and forgets are kept in a cookie the moment they are asked
// for, so sending can wait for this to load. It leaves both on `window.vitrineSend`.
import { createCollector } from '../collect.js';
import { sendForgets } from '../forgets.js';

const senders = { createCollector, sendForgets };
export type Senders = typeof senders;

(window as { vitrineSend?: Senders }).vitrineSend = senders;
