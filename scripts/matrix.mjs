#!/usr/bin/env node
// Runs one test command once per nats-server version of the matrix (server/nats/server-versions.json),
// with NATS_SERVER_BIN set to that version's binary, and sums up. A version that is not available
// here (no Go to build it, no matching system package) is reported as skipped, not hidden.
//
//   node scripts/matrix.mjs [--versions all | oldest,newest,2.11.17,…] [--reuse-build] -- <command …>
//
// --reuse-build sets E2E_SKIP_BUILD=1 so an end-to-end run reuses the build the run before made.
import { spawnSync } from 'node:child_process';
import process from 'node:process';
import { describeServer, resolveServer, versions } from './nats-server.mjs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
if (dash < 0 || dash === argv.length - 1) {
  console.error(
    'usage: node scripts/matrix.mjs [--versions all | oldest,newest,a,b] [--reuse-build] -- <command …>',
  );
  process.exit(2);
}
const opts = argv.slice(0, dash);
const command = argv.slice(dash + 1);
const pick = opts.includes('--versions') ? opts[opts.indexOf('--versions') + 1] : 'all';
// `all`, or a list of versions and the aliases `oldest` / `newest` (e.g. `oldest,newest`).
const alias = (v) => (v === 'oldest' ? versions.matrix[0] : v === 'newest' ? versions.newest : v);
const wanted =
  pick === 'all' ? versions.matrix : [...new Set(pick.split(',').map((v) => alias(v.trim())))];
const unknown = wanted.filter((v) => !versions.matrix.includes(v));
if (unknown.length) {
  console.error(
    `[matrix] not in the matrix (server/nats/server-versions.json): ${unknown.join(', ')}`,
  );
  process.exit(2);
}

const results = [];
for (const v of wanted) {
  const s = resolveServer(v);
  if (!s) {
    console.log(
      `\n[matrix] nats-server ${v}: not available here (run \`node scripts/ensure.mjs test\` with Go installed) — skipped`,
    );
    results.push({ v, status: 'skipped' });
    continue;
  }
  console.log(`\n[matrix] ${command.join(' ')} — against ${describeServer(s)}`);
  const started = Date.now();
  const env = {
    ...process.env,
    NATS_SERVER_BIN: s.bin,
    ...(opts.includes('--reuse-build') ? { E2E_SKIP_BUILD: '1' } : {}),
  };
  const r = spawnSync('npx', ['--no-install', ...command], { stdio: 'inherit', env });
  results.push({
    v,
    status: r.status === 0 ? 'passed' : 'failed',
    s: ((Date.now() - started) / 1000).toFixed(0),
  });
}

console.log('\n[matrix] summary');
for (const r of results)
  console.log(`[matrix]   nats-server ${r.v}: ${r.status}${r.s ? ` (${r.s} s)` : ''}`);
const ran = results.filter((r) => r.status !== 'skipped');
if (ran.length === 0) {
  console.error('[matrix] no server of the matrix is available: nothing was tested');
  process.exit(1);
}
process.exit(results.some((r) => r.status === 'failed') ? 1 : 0);
