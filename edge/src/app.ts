import { Hono } from 'hono';
import type { AppEnv } from './env.js';
import { HttpProblem, renderError } from './http/problems.js';
import { siteParam } from './http/site-param.js';
import { audienceRoutes } from './routes/admin/audiences.js';
import { catalogRoutes } from './routes/admin/catalog.js';
import { configRoutes } from './routes/admin/config.js';
import { draftRoutes } from './routes/admin/drafts.js';
import { journeyRoutes } from './routes/admin/journeys.js';
import { previewRoute } from './routes/admin/preview.js';
import { reportRoutes } from './routes/admin/report.js';
import { sessionRoutes } from './routes/admin/session.js';
import { shareRoutes } from './routes/admin/share.js';
import { traitsRoutes } from './routes/admin/traits.js';
import { webhookRoutes } from './routes/admin/webhooks.js';
import { collectRoute } from './routes/collect.js';
import { decideRoute } from './routes/decide.js';
import { feedRoute } from './routes/feed.js';
import { devRoutes } from './routes/dev.js';
import { devAudiencesRoute } from './routes/dev-audiences.js';
import { forgetRoute } from './routes/forget.js';
import { proxyByHost, proxyRoutes } from './proxy/routes.js';
import { preflightRoute } from './routes/preflight.js';
import { sdkRoute } from './routes/sdk.js';
import { serverKeyRoutes } from './routes/admin/server-keys.js';
import { codesRoute } from './routes/server/codes.js';
import { serverDecideRoute } from './routes/server/decide.js';
import { studioRoute } from './routes/studio.js';
import { adminAccess } from './studio/access.js';

const admin = new Hono<AppEnv>()
  .use('*', adminAccess)
  .use('/sites/:site/*', siteParam)
  .route('/', sessionRoutes)
  .route('/', configRoutes)
  .route('/', draftRoutes)
  .route('/', shareRoutes)
  .route('/', catalogRoutes)
  .route('/', previewRoute)
  .route('/', traitsRoutes)
  .route('/', reportRoutes)
  .route('/', serverKeyRoutes)
  .route('/', webhookRoutes)
  .route('/', journeyRoutes)
  .route('/', audienceRoutes);

export const app = new Hono<AppEnv>()
  // A shop's host is the shop's on every path, so it is routed before the Worker's own.
  .use('*', proxyByHost)
  .get('/v1/health', (c) => c.json({ ok: true }))
  .route('/', preflightRoute)
  .route('/', decideRoute)
  .route('/', collectRoute)
  .route('/', forgetRoute)
  .route('/', feedRoute)
  .route('/', codesRoute)
  .route('/', serverDecideRoute)
  .route('/', sdkRoute)
  .route('/', studioRoute)
  .route('/', devRoutes)
  .route('/', devAudiencesRoute)
  .route('/', proxyRoutes)
  .route('/admin', admin);

app.notFound((c) => renderError(new HttpProblem(404, 'not found'), c));
// Every error, thrown by a handler or a Hono built-in, is rendered here and only here.
app.onError(renderError);
