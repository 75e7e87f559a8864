import { app } from './app.js';

export { CodeLedger } from './codes/ledger.js';
export { AdminGuard } from './security/admin-guard.js';
export { SiteStats } from './stats/site-stats.js';
export default app;
