// What the code-server runners (run-offline.mjs, run-ui.mjs) share: prerequisite checks, a
// throwaway user-data/extensions folder, code-server in its own process group, headless chromium,
// a hard timeout, and a cleanup that always kills the whole group. See test/vscode/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const require = createRequire(path.join(root, 'package.json'));
export const isCI = !!process.env.CI && !['0', 'false', ''].includes(String(process.env.CI).toLowerCase());
export const verbose = process.env.VERBATIM_VSCODE_VERBOSE === '1';
export const codeServerBin =
  process.env.VERBATIM_CODE_SERVER || path.join(root, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const workspace = path.join(root, 'test', 'fixtures', 'workspace');
export const shown = (p) => (p.startsWith(root + path.sep) ? path.relative(root, p) : p);
export const toRemoteUri = (p) => `vscode-remote://remote${p.split(path.sep).join('/')}`;

// Missing machine prerequisites: print how to install them, then SKIP (exit 0) or, with CI, fail.
export function requirePrerequisites(tag, what, npmModules) {
  const missing = [];
  if (!existsSync(codeServerBin)) missing.push(`code-server (${shown(codeServerBin)})`);
  if (!existsSync(chromiumPath)) missing.push(`chromium (${chromiumPath})`);
  for (const mod of npmModules) {
    try {
      require.resolve(`${mod}/package.json`);
    } catch {
      missing.push(`${mod} (npm package; run npm ci)`);
    }
  }
  if (!missing.length) return;
  console.log(`[${tag}] missing: ${missing.join(', ')}`);
  console.log(`[${tag}] install them with:  bash scripts/setup-vscode-offline.sh && npm ci`);
  if (isCI) {
    console.log(`[${tag}] FAILED: prerequisites missing and CI is set`);
    process.exit(1);
  }
  console.log(`[${tag}] SKIPPED: ${what} (prerequisites missing; CI not set)`);
  process.exit(0);
}

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

// One run: `main(harness)` resolves to the exit code; the process exits with it after cleanup, or
// with 1 on an error or after `timeoutMs`.
export async function runHarness(tag, timeoutMs, main) {
  const started = Date.now();
  const say = (msg) => console.log(`[${tag} ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'verbatim-vscode-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  const configHome = path.join(tmp, 'config');
  for (const d of [userDataDir, extensionsDir, configHome]) mkdirSync(d, { recursive: true });
  // No marketplace: there is no internet, and the tests must not depend on one.
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: configHome,
    XDG_DATA_HOME: path.join(tmp, 'data'),
    VERBATIM_TEST: '1',
  };
  const commonArgs = ['--config', path.join(configHome, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

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
  process.on('exit', () => killServerGroup('SIGKILL'));
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, async () => {
      say(`${sig}: stopping`);
      await cleanup();
      process.exit(130);
    });
  }

  // A one-shot code-server command (e.g. --install-extension) on the same folders, in its own
  // process group, bounded in time.
  function codeServerCommand(args, limitMs = 60_000) {
    return new Promise((resolve, reject) => {
      const child = spawn(codeServerBin, [...commonArgs, ...args], { cwd: root, detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stderr.on('data', (c) => (out += c));
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, limitMs);
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve(out);
        else reject(new Error(`code-server ${args.join(' ')} failed (code ${code}, signal ${signal}):\n${out}`));
      });
    });
  }

  async function startCodeServer(extraSettings = {}) {
    const port = await freePort();
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
          ...extraSettings,
        },
        null,
        2,
      ),
    );
    const args = [
      ...commonArgs,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
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
      env,
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

  async function newPage(viewport) {
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
    const page = await browser.newPage(viewport ? { viewport } : {});
    if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[browser pageerror] ${e.message}`));
    return page;
  }

  const dumpServerLog = () => {
    if (!verbose) for (const l of serverLog.slice(-40)) console.log(l);
  };

  let exitCode = 1;
  let timedOut = false;
  const timer = setTimeout(async () => {
    timedOut = true;
    say(`TIMEOUT: no result after ${timeoutMs / 1000} s`);
    dumpServerLog();
    await cleanup();
    process.exit(1);
  }, timeoutMs);

  try {
    exitCode = await main({ say, tmp, extensionsDir, codeServerCommand, startCodeServer, newPage });
  } catch (err) {
    if (timedOut) await new Promise(() => {}); // the timeout handler is cleaning up and exits
    say(`ERROR: ${err?.stack || err}`);
    dumpServerLog();
    exitCode = 1;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
  say(`done, exit ${exitCode}`);
  process.exit(exitCode);
}
