// Script-tag entry: takes over `window.vitrine` from the snippet and replays its queue.
import { createClient } from './client.js';
import { installGlobal } from './queue.js';

performance.mark('vitrine:start');
installGlobal(window as never, createClient());
