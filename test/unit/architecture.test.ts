/** The dependency rules of DESIGN.md §3, checked on the source text. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (text: string) => [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);

describe('architecture', () => {
  it('core/ imports only zod and other core/ files, and reaches for no clock, randomness or process', () => {
    for (const file of sources(join(root, 'core'))) {
      const text = readFileSync(file, 'utf8');
      const name = relative(root, file);
      for (const spec of importsOf(text)) {
        const ok = spec === 'zod' || (spec.startsWith('.') && !relative(join(root, 'core'), join(file, '..', spec)).startsWith('..'));
        expect(ok, `${name} imports ${spec}`).toBe(true);
      }
      expect(text, `${name} uses process`).not.toMatch(/\bprocess\./);
      expect(text, `${name} reads the clock`).not.toMatch(/Date\.now\(|new Date\(\s*\)/);
      expect(text, `${name} uses Math.random`).not.toMatch(/Math\.random\(/);
    }
  });

  it('infra/ refers to handlers by path and never imports app code', () => {
    for (const file of [...sources(join(root, 'infra')), join(root, 'sst.config.ts')]) {
      for (const spec of importsOf(readFileSync(file, 'utf8')))
        expect(/(^|\/)(core|functions)\//.test(spec), `${relative(root, file)} imports ${spec}`).toBe(false);
    }
  });

  it('calculation functions do not import the AWS SDK or the OpenAPI builder', () => {
    for (const file of sources(join(root, 'functions', 'stock'))) {
      const specs = importsOf(readFileSync(file, 'utf8'));
      expect(specs.filter((s) => s.startsWith('@aws-sdk') || s.includes('openapi') || s.includes('docs/'))).toEqual([]);
    }
  });
});
