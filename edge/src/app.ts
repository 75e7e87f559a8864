import { Hono } from 'hono';
import type { AppEnv } from './env.js';
import { requireAdmin } from './http/auth.js';
import { problem } from './http/problems.js';
import { catalogRoutes } from './routes/admin/catalog.js';
import { configRoutes } from './routes/admin/config.js';
import { previewRoute } from './routes/admin/preview.js';
import { reportRoutes } from './routes/admin/report.js';
import { traitsRoutes } from './routes/admin/traits.js';
import { collectRoute } from './routes/collect.js';
import { decideRoute } from './routes/decide.js';
import { forgetRoute } from './routes/forget.js';
import { preflightRoute } from './routes/preflight.js';
import { sdkRoute } from './routes/sdk.js';

const admin = new Hono<AppEnv>()
  .use('*', requireAdmin)
  .route('/', configRoutes)
  .route('/', catalogRoutes)
  .route('/', previewRoute)
  .route('/', traitsRoutes)
  .route('/', reportRoutes);

export const app = new Hono<AppEnv>()
  .get('/v1/health', (c) => c.json({ ok: true }))
  .route('/', preflightRoute)
  .route('/', decideRoute)
  .route('/', collectRoute)
  .route('/', forgetRoute)
  .route('/', sdkRoute)
  .route('/admin', admin);

app.notFound((c) => problem(c, 404, 'not found'));
// A bug must not turn into a stack trace for the visitor; it is logged for us instead.
app.onError((error, c) => {
  console.error('unhandled', error);
  return problem(c, 500, 'internal error');
});
