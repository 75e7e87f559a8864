// Script-tag entry: takes over `window.vitrine` from the snippet and replays its queue.
import { createClient } from './client.js';
import { installGlobal } from './queue.js';

installGlobal(window as never, createClient());
