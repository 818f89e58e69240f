import type { Plugin } from 'esbuild';
export function withoutZodJsonSchema(): Plugin;
declare const plugins: Plugin[];
export default plugins;
