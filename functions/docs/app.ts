/**
 * Documentation and meta routes: `/openapi.json`, `/docs` (Swagger UI served from the package, no
 * CDN), `/problems/{code}` and `/healthz`. Also the API's `$default` route, so unknown paths get
 * the same problem+json 404 as everywhere else.
 */
import { allCalculations } from '../../core/calculations.js';
import { createApp, type AppConfig } from '../http/app.js';
import { problemResponse } from '../http/problem.js';
import { JSON_TYPE, reply, replyJson } from '../http/reply.js';
import { buildOpenApiDocument } from './openapi.js';
import { problemDescriptions } from './problems.js';

/** Reads a Swagger UI asset (`swagger-ui-bundle.js` or `swagger-ui.css`); undefined when missing. */
export type AssetReader = (name: 'swagger-ui-bundle.js' | 'swagger-ui.css') => Promise<Uint8Array | undefined>;

export const API_VERSION = '0.1.0';

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peakplan API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: true });</script>
</body>
</html>
`;

export function createDocsApp(config: AppConfig, readAsset: AssetReader) {
  const app = createApp(config);
  let document: string | undefined;
  app.get('/healthz', (c) => replyJson(c, { status: 'ok', version: API_VERSION }));
  app.get('/openapi.json', (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(allCalculations, API_VERSION));
    return reply(c, document, 200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'public, max-age=300' });
  });
  app.get('/docs', (c) => reply(c, DOCS_HTML, 200, { 'Content-Type': 'text/html; charset=utf-8' }));
  app.get('/docs/:asset{swagger-ui-bundle\\.js|swagger-ui\\.css}', async (c) => {
    const name = c.req.param('asset') as 'swagger-ui-bundle.js' | 'swagger-ui.css';
    const bytes = await readAsset(name);
    if (!bytes) return problemResponse(c, { status: 404, code: 'not-found', title: 'Not found', detail: `${name} is not bundled with this deployment.` });
    const type = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    return reply(c, bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
  app.get('/problems/:code', (c) => {
    const code = c.req.param('code');
    const description = problemDescriptions[code];
    if (!description) return problemResponse(c, { status: 404, code: 'not-found', title: 'Not found', detail: `There is no problem type ${code}.` });
    return replyJson(c, { type: `/problems/${code}`, ...description });
  });
  return app;
}
