/** Builds the bare-client baseline (bare/entry.ts) into one browser IIFE with esbuild. */
import { build } from 'esbuild';
import path from 'node:path';

let cached: string | null = null;

/** The IIFE's source text, built once per process. */
export async function bareClientScript(): Promise<string> {
  if (cached) return cached;
  const r = await build({
    entryPoints: [path.join(import.meta.dirname, 'entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  cached = r.outputFiles[0]?.text ?? '';
  if (!cached) throw new Error('esbuild produced no output for the bare client');
  return cached;
}
