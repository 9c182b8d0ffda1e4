#!/usr/bin/env node
// Installs what `npm run demo`, `npm test` and `npm run bench` need and is missing: npm
// dependencies; nats-server (the newest pinned release built with `go install` where Go is
// present, else the system package) and, for tests, every server of the version matrix and the
// `nats` CLI; Chromium for tests and benchmarks. On Debian/Ubuntu it uses apt-get (sudo when not
// root), on macOS brew; elsewhere it prints the exact command and exits 2. Plain Node (no
// dependencies) so it runs before `npm install`.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import process from 'node:process';
import {
  defaultServer,
  describeServer,
  resolveNatsCli,
  resolveServer,
  versions,
} from './nats-server.mjs';

const mode = process.argv[2] ?? 'test';
const needBrowser = mode === 'test' || mode === 'bench';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd) => {
  console.log(`[ensure] $ ${cmd}`);
  execSync(cmd, { stdio: 'inherit' });
};
const fail = (msg) => {
  console.error(`\n[ensure] ${msg}\n`);
  process.exit(2);
};

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  fail(
    `Node ${process.versions.node} is too old: install Node 20.19 or newer (https://nodejs.org or your package manager).`,
  );
}

// 1. npm dependencies: install when node_modules is missing or older than the lock file.
const lock = 'package-lock.json';
const stamp = 'node_modules/.package-lock.json';
if (
  !existsSync(stamp) ||
  (existsSync(lock) && statSync(lock).mtimeMs > statSync(stamp).mtimeMs + 1000)
) {
  run(existsSync(lock) ? 'npm ci --no-audit --no-fund' : 'npm install --no-audit --no-fund');
}

// 2. System packages (apt-get on Debian/Ubuntu, brew on macOS).
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
const debian = /ID(_LIKE)?=.*(debian|ubuntu)/i.test(osRelease) && has('apt-get');
const mac = process.platform === 'darwin';
let aptUpdated = false;

function install(what, aptPkg, brewPkg) {
  if (debian) {
    const sudo = isRoot ? '' : has('sudo') ? 'sudo ' : null;
    if (sudo === null)
      fail(`${what} is missing. Run as root: apt-get update && apt-get install -y ${aptPkg}`);
    if (!aptUpdated) {
      run(`${sudo}apt-get update -qq`);
      aptUpdated = true;
    }
    run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${aptPkg}`);
    return;
  }
  if (mac && has('brew')) {
    run(`brew install ${brewPkg}`);
    return;
  }
  fail(
    `${what} is missing and this system has neither apt-get nor brew. Install it yourself:\n` +
      `  Debian/Ubuntu: sudo apt-get install -y ${aptPkg}\n  macOS: brew install ${brewPkg}`,
  );
}

// 3. nats-server: NATS_SERVER_BIN, else the newest pinned release (built once with Go, cached
// outside the work tree), else the system package (installed when missing).
const log = (s) => console.log(`[ensure] ${s}`);
if (process.env.NATS_SERVER_BIN && !existsSync(process.env.NATS_SERVER_BIN)) {
  fail(`NATS_SERVER_BIN=${process.env.NATS_SERVER_BIN} does not exist.`);
}
let server = defaultServer({ build: true, log });
if (!server) {
  if (!has('go'))
    log(
      `Go is not installed: using the system nats-server instead of the pinned ${versions.newest}.`,
    );
  install('nats-server', 'nats-server', 'nats-server');
  server = defaultServer();
  if (!server)
    fail('nats-server is still missing: install it, or set NATS_SERVER_BIN to its path.');
}
log(`using ${describeServer(server)}`);

if (mode === 'test') {
  // The integration tests run against each version of the matrix; the oldest line (2.9, also
  // Debian's package) comes from apt when Go cannot build it.
  const oldest = versions.matrix[0];
  if (!resolveServer(oldest, { build: true, log }) && debian && !has('nats-server'))
    install('nats-server', 'nats-server', 'nats-server');
  for (const v of versions.matrix) {
    const s = resolveServer(v, { build: true, log });
    log(
      s
        ? `matrix: ${describeServer(s)}`
        : `matrix: nats-server ${v} is not available (install Go to build it); its tests are skipped`,
    );
  }
  const cli = resolveNatsCli({ build: true, log });
  log(
    cli
      ? `nats CLI: ${cli}`
      : `nats CLI: not available (install Go, or put \`nats\` on PATH); the tests that run it are skipped`,
  );
}

if (needBrowser) {
  const chromium = process.env.CHROMIUM_PATH;
  if (chromium && !existsSync(chromium)) fail(`CHROMIUM_PATH=${chromium} does not exist.`);
  if (!chromium && !has('chromium') && !has('chromium-browser') && !has('google-chrome')) {
    install('Chromium', 'chromium', '--cask chromium');
  }
}
