/**
 * esbuild plugins for the calculation functions (used by scripts/build.ts and by SST at deploy
 * time through `nodejs.plugins` in infra/api.ts).
 *
 * zod 4's classic API attaches a JSON-Schema generator to every schema, so every bundle would
 * carry it (~16 KB minified) although only the docs function ever produces JSON Schema. This
 * plugin replaces zod's two JSON-Schema modules with stubs that export the same names as
 * functions returning a function that throws if anyone ever calls it. Validation does not touch
 * them. The export names are read from the real modules at build time, so a zod upgrade that adds
 * or renames exports keeps working; test/bundle/bundles.test.ts builds and invokes the bundles.
 */
import { pathToFileURL } from 'node:url';

const JSON_SCHEMA_MODULES = /[\\/]zod[\\/]v4[\\/]core[\\/](to-json-schema|json-schema-processors)\.js$/;

const UNAVAILABLE = `function unavailable() {
  throw new Error('JSON Schema generation is not bundled in calculation functions; the docs function serves /openapi.json');
}
const stub = () => unavailable;`;

/** @returns {import('esbuild').Plugin} */
export function withoutZodJsonSchema() {
  return {
    name: 'without-zod-json-schema',
    setup(build) {
      build.onLoad({ filter: JSON_SCHEMA_MODULES }, async (args) => {
        const names = Object.keys(await import(pathToFileURL(args.path).href));
        const exports = names.map((name) => `export const ${name} = stub;`).join('\n');
        return { contents: `${UNAVAILABLE}\n${exports}\n`, loader: 'js' };
      });
    },
  };
}


export default [withoutZodJsonSchema()];
