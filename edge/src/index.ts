import { app } from './app.js';

export { SiteStats } from './stats/site-stats.js';
export default app;
