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
import { existsSync } from 'node:fs';
import path from 'node:path';
import { require, requirePrerequisites, root, runHarness, toRemoteUri, workspace } from './code-server.mjs';

const timeoutMs = Number(process.env.VERBATIM_VSCODE_TIMEOUT_MS) || 180_000;
const extensionMain = path.join(root, require('./package.json').main);

requirePrerequisites('vscode-offline', 'VS Code integration tests', ['playwright-core', 'mocha', 'esbuild']);
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

await runHarness('vscode-offline', timeoutMs, async ({ say, startCodeServer, newPage }) => {
  const port = await startCodeServer();
  const page = await newPage();
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
  const exitCode = await finished;
  say(exitCode === 0 ? 'suite PASSED' : `suite FAILED (exit code ${exitCode})`);
  return exitCode;
});
