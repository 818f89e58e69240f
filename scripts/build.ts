/**
 * Bundles every Lambda handler (`functions/<group>/handler.ts`) into `dist/<group>/index.mjs` with
 * esbuild and prints a size report: minified and gzipped bytes, the three inputs that take the most
 * room in the bundle, whether the bundle pulls in `@aws-sdk/*` (left external: the Lambda runtime
 * ships it) and whether it fits the 150 KB minified budget of calculation functions.
 *
 *   npm run build
 *
 * `buildAll()` is exported for scripts/bench.ts. The metafile of each bundle is written next to it
 * (`dist/<group>/meta.json`) and can be dropped on https://esbuild.github.io/analyze/.
 *
 * SST bundles the handlers again at deploy time; this build mirrors its settings (ESM, node22,
 * minified, `module` before `main`) so the sizes and cold starts measured here are representative.
 */
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { withoutZodJsonSchema } from './esbuild-plugins.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const FUNCTIONS_DIR = path.join(ROOT, 'functions');
export const DIST_DIR = path.join(ROOT, 'dist');

/** Minified-size budget of a calculation function: 150 KB. */
export const CALCULATION_BUDGET_BYTES = 150 * 1024;
/** Groups that are not calculation functions and have no size budget. */
export const BUDGET_EXEMPT_GROUPS: ReadonlySet<string> = new Set(['docs', 'scenarios']);

/**
 * ESM bundles have no `require`; CommonJS dependencies that esbuild wraps call it for Node
 * built-ins, so define it from `import.meta.url`.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __peakplanCreateRequire } from 'node:module'; const require = __peakplanCreateRequire(import.meta.url);";

export interface InputSize {
  /** Path relative to the repository root, as esbuild reports it. */
  path: string;
  /** Bytes this input contributes to the minified bundle. */
  bytes: number;
}

export interface BundleResult {
  group: string;
  /** Absolute paths. */
  entry: string;
  outfile: string;
  /** Size of the written bundle (banner included). */
  bytes: number;
  /** zlib gzip at the default level (6). */
  gzipBytes: number;
  /** Inputs by bytes in the bundle, largest first (all of them). */
  inputs: InputSize[];
  /** Bytes in the bundle per package (`hono`, `zod`, ...) or first-level folder (`core`, `functions`). */
  packages: InputSize[];
  /** `@aws-sdk/*` imports left external in the bundle, with their kind (static / dynamic). */
  awsSdkImports: Array<{ path: string; kind: string }>;
  /** Every external import of the bundle (Node built-ins included). */
  externalImports: string[];
  /** Budget in bytes, or null for exempt groups. */
  budgetBytes: number | null;
  /** null for exempt groups. */
  withinBudget: boolean | null;
  metafile: Metafile;
}

/** Groups that generate JSON Schema (OpenAPI) and so keep zod's JSON-Schema modules. */
export const JSON_SCHEMA_GROUPS: ReadonlySet<string> = new Set(['docs']);

/** esbuild options shared by the handler bundles and the benchmark's bare baseline. */
export function bundleOptions(entry: string, outfile: string, group = ''): BuildOptions & { metafile: true } {
  return {
    // Same plugins SST applies at deploy time (infra/api.ts `nodejs.plugins`).
    plugins: JSON_SCHEMA_GROUPS.has(group) ? [] : [withoutZodJsonSchema()],
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // ESM builds of dependencies first, as SST does for ESM output: they tree-shake better.
    mainFields: ['module', 'main'],
    banner: { js: REQUIRE_BANNER },
    external: ['@aws-sdk/*'],
    metafile: true,
    logLevel: 'warning',
  };
}

/** `node_modules/@scope/name/...` -> `@scope/name`, `node_modules/name/...` -> `name`, `core/x.ts` -> `core`. */
export function packageOf(inputPath: string): string {
  const parts = inputPath.split('/');
  const i = parts.lastIndexOf('node_modules');
  if (i >= 0) {
    const first = parts[i + 1] ?? '?';
    return first.startsWith('@') ? `${first}/${parts[i + 2] ?? '?'}` : first;
  }
  return parts.length > 1 ? (parts[0] ?? inputPath) : inputPath;
}

/** Bundles one entry point and measures the result. */
export async function bundleOne(group: string, entry: string, outfile: string): Promise<BundleResult> {
  await mkdir(path.dirname(outfile), { recursive: true });
  const result = await build(bundleOptions(entry, outfile, group));
  const metafile = result.metafile;
  await writeFile(path.join(path.dirname(outfile), 'meta.json'), JSON.stringify(metafile));

  const outKey = path.relative(ROOT, outfile).split(path.sep).join('/');
  const output = metafile.outputs[outKey];
  if (!output) throw new Error(`esbuild metafile has no output ${outKey} (outputs: ${Object.keys(metafile.outputs).join(', ')})`);

  const code = await readFile(outfile);
  const inputs = Object.entries(output.inputs)
    .map(([p, v]) => ({ path: p, bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  const byPackage = new Map<string, number>();
  for (const input of inputs) byPackage.set(packageOf(input.path), (byPackage.get(packageOf(input.path)) ?? 0) + input.bytes);
  const packages = [...byPackage].map(([p, bytes]) => ({ path: p, bytes })).sort((a, b) => b.bytes - a.bytes);

  const externals = output.imports.filter((i) => i.external);
  const awsSdkImports = externals.filter((i) => i.path.startsWith('@aws-sdk/')).map((i) => ({ path: i.path, kind: i.kind }));
  const budgetBytes = BUDGET_EXEMPT_GROUPS.has(group) ? null : CALCULATION_BUDGET_BYTES;

  return {
    group,
    entry,
    outfile,
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    inputs,
    packages,
    awsSdkImports,
    externalImports: [...new Set(externals.map((i) => i.path))].sort(),
    budgetBytes,
    withinBudget: budgetBytes === null ? null : code.byteLength <= budgetBytes,
    metafile,
  };
}

/** The groups: every `functions/<group>/handler.ts`, sorted by name. */
export async function discoverGroups(): Promise<Array<{ group: string; entry: string }>> {
  const dirs = await readdir(FUNCTIONS_DIR, { withFileTypes: true }).catch(() => []);
  return dirs
    .filter((d) => d.isDirectory() && existsSync(path.join(FUNCTIONS_DIR, d.name, 'handler.ts')))
    .map((d) => ({ group: d.name, entry: path.join(FUNCTIONS_DIR, d.name, 'handler.ts') }))
    .sort((a, b) => a.group.localeCompare(b.group));
}

/** Bundles every group into `dist/<group>/index.mjs`. */
export async function buildAll(): Promise<BundleResult[]> {
  const groups = await discoverGroups();
  if (groups.length === 0) throw new Error(`no functions/<group>/handler.ts found under ${FUNCTIONS_DIR}`);
  return Promise.all(groups.map(({ group, entry }) => bundleOne(group, entry, path.join(DIST_DIR, group, 'index.mjs'))));
}

export const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Renders rows as a left/right-aligned text table (numbers right-aligned). */
export function textTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function budgetCell(r: BundleResult): string {
  if (r.withinBudget === null || r.budgetBytes === null) return 'n/a';
  const pct = ((r.bytes / r.budgetBytes) * 100).toFixed(0);
  return r.withinBudget ? `yes (${pct}%)` : `NO (${pct}%)`;
}

function awsSdkCell(r: BundleResult): string {
  if (r.awsSdkImports.length === 0) return 'none';
  return r.awsSdkImports.map((i) => `${i.path} (${i.kind === 'dynamic-import' ? 'dynamic' : 'static'})`).join(', ');
}

/** The size table printed by `npm run build` (and by the benchmark). */
export function formatBuildReport(results: BundleResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    const top = r.inputs.slice(0, 3);
    top.forEach((input, i) => {
      const inputCell = `${input.path} (${fmtInt(input.bytes)})`;
      rows.push(
        i === 0
          ? [r.group, fmtInt(r.bytes), fmtInt(r.gzipBytes), budgetCell(r), awsSdkCell(r), inputCell]
          : ['', '', '', '', '', inputCell],
      );
    });
  }
  const table = textTable(
    ['group', 'minified B', 'gzip B', '<= 150 KB', '@aws-sdk/*', 'top 3 inputs (bytes in bundle)'],
    rows,
    new Set([1, 2]),
  );
  const lines = [table, '', 'bytes in bundle by package:'];
  for (const r of results) {
    const shown = r.packages.slice(0, 6).map((p) => `${p.path} ${fmtInt(p.bytes)}`);
    const rest = r.packages.length > 6 ? `, +${r.packages.length - 6} more` : '';
    lines.push(`  ${r.group}: ${shown.join(', ')}${rest}`);
  }
  lines.push('');
  lines.push('external imports (not bundled):');
  for (const r of results) lines.push(`  ${r.group}: ${r.externalImports.join(', ') || 'none'}`);
  const over = results.filter((r) => r.withinBudget === false);
  lines.push('');
  if (over.length === 0) {
    lines.push(`all calculation bundles are within ${fmtInt(CALCULATION_BUDGET_BYTES)} bytes minified (exempt: ${[...BUDGET_EXEMPT_GROUPS].join(', ')})`);
  } else {
    for (const r of over) {
      lines.push(
        `WARNING: ${r.group} is ${fmtInt(r.bytes)} bytes minified, over the ${fmtInt(CALCULATION_BUDGET_BYTES)}-byte budget by ${fmtInt(r.bytes - CALCULATION_BUDGET_BYTES)}; largest packages: ` +
          r.packages.slice(0, 3).map((p) => `${p.path} ${fmtInt(p.bytes)}`).join(', '),
      );
    }
  }
  const withSdk = results.filter((r) => r.awsSdkImports.length > 0).map((r) => r.group);
  lines.push(withSdk.length === 0 ? 'no bundle references @aws-sdk/*' : `bundles referencing @aws-sdk/* (left external): ${withSdk.join(', ')}`);
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const started = performance.now();
  const results = await buildAll();
  console.log(`built ${results.length} bundle(s) into ${path.relative(ROOT, DIST_DIR)}/ in ${(performance.now() - started).toFixed(0)} ms (esbuild: bundle, minify, esm, node22; gzip = zlib level 6)\n`);
  console.log(formatBuildReport(results));
}
