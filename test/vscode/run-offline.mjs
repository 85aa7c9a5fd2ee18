#!/usr/bin/env node
// Runs the extension's integration suite (client/out/test/index.js, the module @vscode/test-electron
// would load) inside a real VS Code without internet access: code-server (VS Code 1.100.3's server and
// web workbench, installed by scripts/setup-vscode-offline.sh) driven by Debian's headless chromium.
//
// The workbench reads extensionDevelopmentPath/extensionTestsPath from the URL's `payload` parameter
// and reports back through window.codeAutomationLog / window.codeAutomationExit, which we expose to
// the page before it loads. Exit code = the suite's (0 pass, 1 fail); 1 on timeout or a broken setup.
//
// Missing prerequisites: without CI this prints how to install them and exits 0 (SKIPPED); with
// CI=true it fails. Environment knobs:
//   VERBATIM_VSCODE_TIMEOUT_MS  hard limit for the whole run (default 180000)
//   VERBATIM_VSCODE_VERBOSE=1   also print code-server's output and the browser console
//   VERBATIM_CODE_SERVER        code-server binary (default .cache/code-server/node_modules/.bin/code-server)
//   CHROMIUM_PATH               browser binary (default /usr/bin/chromium)
//   VERBATIM_KEEP_TMP=1         keep the temporary user-data/extensions folder for inspection
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));

const isCI = !!process.env.CI && !['0', 'false', ''].includes(String(process.env.CI).toLowerCase());
const timeoutMs = Number(process.env.VERBATIM_VSCODE_TIMEOUT_MS) || 180_000;
const verbose = process.env.VERBATIM_VSCODE_VERBOSE === '1';
const codeServerBin =
  process.env.VERBATIM_CODE_SERVER || path.join(root, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const workspace = path.join(root, 'test', 'fixtures', 'workspace');
const extensionMain = path.join(root, require('./package.json').main);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (msg) => console.log(`[vscode-offline ${elapsed()}] ${msg}`);
const shown = (p) => (p.startsWith(root + path.sep) ? path.relative(root, p) : p);

// --- prerequisites ------------------------------------------------------------------------------
function missingPrerequisites() {
  const missing = [];
  if (!existsSync(codeServerBin)) missing.push(`code-server (${shown(codeServerBin)})`);
  if (!existsSync(chromiumPath)) missing.push(`chromium (${chromiumPath})`);
  for (const mod of ['playwright-core', 'mocha', 'esbuild']) {
    try {
      require.resolve(`${mod}/package.json`);
    } catch {
      missing.push(`${mod} (npm package; run npm ci)`);
    }
  }
  return missing;
}

const missing = missingPrerequisites();
if (missing.length) {
  console.log(`[vscode-offline] missing: ${missing.join(', ')}`);
  console.log('[vscode-offline] install them with:  bash scripts/setup-vscode-offline.sh && npm ci');
  if (isCI) {
    console.log('[vscode-offline] FAILED: prerequisites missing and CI is set');
    process.exit(1);
  }
  console.log('[vscode-offline] SKIPPED: VS Code integration tests (prerequisites missing; CI not set)');
  process.exit(0);
}
// Built files are not machine prerequisites: their absence is always an error.
for (const file of [extensionMain, path.join(root, 'server', 'out', 'server.js')]) {
  if (!existsSync(file)) {
    console.log(`[vscode-offline] FAILED: ${path.relative(root, file)} does not exist; run npm run build first`);
    process.exit(1);
  }
}
// Imported only now: it needs esbuild, a dev dependency the prerequisite check above looked for.
const { buildSuite, suiteEntry } = await import('./build-suite.mjs');
await buildSuite();
if (!existsSync(workspace)) {
  console.log(`[vscode-offline] FAILED: fixture workspace ${path.relative(root, workspace)} does not exist`);
  process.exit(1);
}

// --- helpers ------------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function linePrinter(prefix, sink) {
  let buf = '';
  return (chunk) => {
    buf += chunk.toString();
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      sink(`${prefix}${buf.slice(0, nl)}`);
      buf = buf.slice(nl + 1);
    }
  };
}

const toRemoteUri = (p) => `vscode-remote://remote${p.split(path.sep).join('/')}`;

// --- state shared with cleanup ------------------------------------------------------------------
const tmp = mkdtempSync(path.join(os.tmpdir(), 'verbatim-vscode-'));
let server; // the code-server child, leader of its own process group
let serverExited = false;
let browser;
const serverLog = [];
let cleaning;

// Signals the whole group, even after its leader exited: children (extension host, language
// server) may still be in it.
function killServerGroup(signal) {
  if (!server) return;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already gone
  }
}

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    if (browser) {
      const closing = browser.close().catch(() => {});
      const gaveUp = new Promise((r) => setTimeout(r, 5000, 'timeout'));
      if ((await Promise.race([closing, gaveUp])) === 'timeout') {
        try {
          browser.process?.()?.kill('SIGKILL');
        } catch {
          // ignore
        }
      }
    }
    if (server && !serverExited) {
      const exited = new Promise((r) => server.once('exit', r));
      killServerGroup('SIGTERM');
      const gaveUp = new Promise((r) => setTimeout(r, 5000, 'timeout'));
      if ((await Promise.race([exited, gaveUp])) === 'timeout') killServerGroup('SIGKILL');
    }
    // Children of code-server (extension host, language server) may outlive the leader: sweep the group.
    if (server) killServerGroup('SIGKILL');
    if (process.env.VERBATIM_KEEP_TMP === '1') say(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

// Last resort if something calls process.exit while the server still runs.
process.on('exit', () => {
  if (server) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    say(`${sig}: stopping`);
    await cleanup();
    process.exit(130);
  });
}

// --- the run ------------------------------------------------------------------------------------
async function startCodeServer() {
  const port = await freePort();
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const configHome = path.join(tmp, 'config');
  for (const d of [userDataDir, extensionsDir, configHome]) mkdirSync(d, { recursive: true });
  // Quiet, deterministic workbench: no welcome page, no marketplace traffic (there is no internet).
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
  const args = [
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--config', path.join(configHome, 'config.yaml'),
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-file-downloads',
  ];
  say(`starting code-server on 127.0.0.1:${port}`);
  server = spawn(codeServerBin, args, {
    cwd: root,
    detached: true, // own process group, killed as a whole in cleanup()
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // No marketplace: there is no internet, and the tests must not depend on one.
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: configHome, XDG_DATA_HOME: path.join(tmp, 'data'), VERBATIM_TEST: '1' },
  });
  const keep = (line) => {
    serverLog.push(line);
    if (verbose) console.log(line);
  };
  server.stdout.on('data', linePrinter('[code-server] ', keep));
  server.stderr.on('data', linePrinter('[code-server] ', keep));
  server.on('exit', (code, signal) => {
    serverExited = true;
    keep(`[code-server] exited (code ${code}, signal ${signal})`);
  });

  const healthDeadline = Date.now() + 30_000;
  for (;;) {
    if (serverExited) throw new Error('code-server exited before it became healthy');
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > healthDeadline) throw new Error('code-server did not answer /healthz within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  say('code-server is healthy');
  return port;
}

async function runSuite(port) {
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = await browser.newPage();
  if (verbose) {
    page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
  }
  page.on('pageerror', (e) => console.log(`[browser pageerror] ${e.message}`));

  let finish;
  const finished = new Promise((r) => (finish = r));
  // Both functions must exist before the workbench loads.
  await page.exposeFunction('codeAutomationLog', (type, message) => {
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    for (const line of text.split('\n')) console.log(type === 'info' ? line : `[${type}] ${line}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));

  const payload = [
    ['extensionDevelopmentPath', toRemoteUri(root)],
    ['extensionTestsPath', toRemoteUri(suiteEntry)],
  ];
  const url =
    `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say(`opening the workbench on ${path.relative(root, workspace)}; running ${path.relative(root, suiteEntry)}`);
  await page.goto(url);
  return finished;
}

let exitCode = 1;
let timedOut = false;
const timer = setTimeout(async () => {
  timedOut = true;
  say(`TIMEOUT: no result after ${timeoutMs / 1000} s`);
  if (!verbose) for (const l of serverLog.slice(-40)) console.log(l);
  await cleanup();
  process.exit(1);
}, timeoutMs);

try {
  const port = await startCodeServer();
  exitCode = await runSuite(port);
  say(exitCode === 0 ? 'suite PASSED' : `suite FAILED (exit code ${exitCode})`);
} catch (err) {
  if (timedOut) await new Promise(() => {}); // the timeout handler is cleaning up and exits
  say(`ERROR: ${err?.stack || err}`);
  if (!verbose) for (const l of serverLog.slice(-40)) console.log(l);
  exitCode = 1;
} finally {
  clearTimeout(timer);
  await cleanup();
}
say(`done, exit ${exitCode}`);
process.exit(exitCode);
