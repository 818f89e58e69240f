// The HTTP API (API Gateway v2) and its Lambda functions, one per endpoint group.
//
// Handlers are referred to ONLY by path (relative to sst.config.ts); SST bundles
// them with esbuild at deploy time. Never import app code here.

// CORS_ORIGINS: a plain, per-deploy config value rather than an sst.Secret.
// Allowed origins are not secret (every browser sees them in the response
// headers), a plain value shows up in `sst diff`, and it needs no
// `sst secret set` before a stage's first deploy. Set PEAKPLAN_CORS_ORIGINS in
// the deploying shell (comma-separated origins, the format the app reads) to
// restrict it for a stage; the default "*" matches the local server and suits a
// public, credential-less calculation API.
const corsOrigins = process.env.PEAKPLAN_CORS_ORIGINS ?? "*";

// API_KEYS: whether calculation endpoints need an API key. Deployed stages require one by default
// (PEAKPLAN_API_KEYS=optional opens them, e.g. for a public demo stage); scenarios always do.
const apiKeys = process.env.PEAKPLAN_API_KEYS === "optional" ? "optional" : "required";

type Group = {
  /** Path to the handler, `<file without extension>.<export>`. */
  handler: string;
  routes: string[];
  memory: `${number} MB`;
  timeout: `${number} seconds`;
  /** Extra files shipped next to the bundle (paths relative to the repo root). */
  copyFiles?: { from: string; to: string }[];
  /** Set TABLE_NAME and link the table. Calculation groups get it too when API keys are required. */
  usesTable?: boolean;
  /** Generates JSON Schema (OpenAPI): keep zod's JSON-Schema modules, which the other groups strip. */
  generatesJsonSchema?: boolean;
};

// Route -> function mapping. Adding an endpoint group is one entry here.
const groups = {
  Stock: {
    handler: "functions/stock/handler.handler",
    routes: [
      "ANY /v1/safety-stock",
      "ANY /v1/eoq",
      "ANY /v1/newsvendor",
      "ANY /v1/base-stock",
    ],
    memory: "256 MB",
    timeout: "10 seconds",
  },
  Forecast: {
    handler: "functions/forecast/handler.handler",
    routes: ["ANY /v1/forecast", "ANY /v1/forecast/batch", "ANY /v1/forecast/target"],
    // Batches of 1,000+ series: more memory also buys proportionally more CPU on Lambda.
    memory: "1024 MB",
    timeout: "30 seconds",
  },
  Cost: {
    handler: "functions/cost/handler.handler",
    routes: ["ANY /v1/landed-cost", "ANY /v1/landed-cost/chargeable-weight"],
    memory: "256 MB",
    timeout: "10 seconds",
  },
  Cash: {
    handler: "functions/cash/handler.handler",
    routes: ["ANY /v1/cash-flow", "ANY /v1/finance/npv", "ANY /v1/finance/irr", "ANY /v1/finance/pmt", "ANY /v1/finance/cash-conversion-cycle"],
    memory: "256 MB",
    timeout: "10 seconds",
  },
  Scenarios: {
    handler: "functions/scenarios/handler.handler",
    routes: ["ANY /v1/scenarios", "ANY /v1/scenarios/{proxy+}"],
    // `run` and `compare` execute any calculation (the forecast engine included).
    memory: "1024 MB",
    timeout: "30 seconds",
    usesTable: true,
  },
  Plan: {
    handler: "functions/plan/handler.handler",
    routes: ["ANY /v1/stock-plan", "ANY /v1/plan"],
    // Inline forecasts for hundreds of SKUs run the forecast engine: sized like Forecast.
    memory: "1024 MB",
    timeout: "30 seconds",
  },
  Docs: {
    handler: "functions/docs/handler.handler",
    routes: [
      "GET /openapi.json",
      "GET /docs",
      "GET /docs/{proxy+}",
      "GET /healthz",
      // Unknown paths land here so the app answers with its own problem+json 404.
      "$default",
    ],
    memory: "256 MB",
    timeout: "5 seconds",
    generatesJsonSchema: true,
    copyFiles: [
      {
        from: "node_modules/swagger-ui-dist/swagger-ui-bundle.js",
        to: "swagger-ui/swagger-ui-bundle.js",
      },
      {
        from: "node_modules/swagger-ui-dist/swagger-ui.css",
        to: "swagger-ui/swagger-ui.css",
      },
    ],
  },
} satisfies Record<string, Group>;

export function createApi(table: sst.aws.Dynamo) {
  // API Gateway CORS is off: Hono answers preflights and sets the CORS headers.
  const api = new sst.aws.ApiGatewayV2("Api", { cors: false });

  const functions: Record<string, sst.aws.Function> = {};
  for (const [name, group] of Object.entries(groups) as [string, Group][]) {
    // Every function but the docs checks API keys against the table.
    const needsTable = group.usesTable === true || !group.generatesJsonSchema;
    const fn = new sst.aws.Function(`${name}Function`, {
      handler: group.handler,
      runtime: "nodejs22.x",
      architecture: "arm64",
      memory: group.memory,
      timeout: group.timeout,
      copyFiles: group.copyFiles,
      // Same esbuild plugins as `npm run build` (see scripts/esbuild-plugins.mjs).
      nodejs: group.generatesJsonSchema ? {} : { plugins: "scripts/esbuild-plugins.mjs" },
      link: needsTable ? [table] : [],
      environment: {
        CORS_ORIGINS: corsOrigins,
        API_KEYS: apiKeys,
        ...(needsTable ? { TABLE_NAME: table.name } : {}),
      },
    });
    for (const route of group.routes) api.route(route, fn.arn);
    functions[name] = fn;
  }

  return { api, functions };
}
