// Prints each route's first-load JavaScript from a production build (Next 16 with Turbopack no
// longer prints it): the root main files plus the layout's and the page's entry chunks, raw and
// gzipped. Usage: node scripts/route-js.mjs [distDir=.next] [route…]
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';

const [dist = '.next', ...wanted] = process.argv.slice(2);
const build = JSON.parse(readFileSync(path.join(dist, 'build-manifest.json'), 'utf8'));
const routes = wanted.length ? wanted : ['/messages', '/replay', '/timeline', '/stats', '/tasks'];
const size = (f) => {
  const b = readFileSync(path.join(dist, f));
  return { raw: b.length, gz: gzipSync(b).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

for (const route of routes) {
  const file = path.join(dist, 'server/app', `${route}/page_client-reference-manifest.js`);
  if (!existsSync(file)) {
    console.log(`${route}: no client reference manifest in ${dist}`);
    continue;
  }
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route] (no eval of app code).
  const ctx = { globalThis: {} };
  ctx.globalThis = ctx;
  vm.runInNewContext(readFileSync(file, 'utf8'), ctx);
  const m = Object.values(ctx.__RSC_MANIFEST ?? {})[0];
  const entry = m?.entryJSFiles ?? {};
  const files = new Set(build.rootMainFiles ?? []);
  for (const [k, v] of Object.entries(entry))
    if (k.endsWith('/app/layout') || k.endsWith(`/app${route}/page`))
      v.forEach((f) => files.add(f));
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const s = size(f);
    raw += s.raw;
    gz += s.gz;
  }
  console.log(
    `${route.padEnd(12)} ${String(files.size).padStart(2)} scripts  ${kb(gz).padStart(9)} gzip  ${kb(raw).padStart(10)} raw`,
  );
}
