import type { Env as WorkerEnv } from '../env.js';

// `env` from cloudflare:test carries the Worker's bindings from wrangler.toml.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {}
  }
}
