#!/usr/bin/env node
// `npm run test:web`: the extension's web suite (client/src/test/web) in VS Code's web worker
// extension host, in a real headless Chromium, offline: code-server 4.100.3 (installed by
// scripts/setup-vscode-offline.sh) serves the workbench, the worktree is its extension under
// development, and the user setting `remote.extensionKind: { <id>: ["web"] }` makes the workbench
// run it from its `browser` entry in a web worker instead of in the remote Node extension host
// (the suite fails if it finds itself in Node). The payload's URIs carry the real remote authority
// (127.0.0.1:PORT): the test module must lie inside the extension's own location for the tests to
// run in the extension's host.
//
// Before the browser starts, the built Node server checks the same essays (test/web/nodeDiagnostics.ts);
// its diagnostics and hovers go to web-test.json beside the workspace, and the suite requires the
// browser's to be the same. The workspace is a throwaway copy, laid out as a student's folder: the
// sample essay (examples/essay.md as sample.md) at its root, the fixture workspace in fixture/ (its
// .verbatim.json names a text corpus), the class essays and the bibliography essay. No .verbatim.json
// at the root, so the extension is activated by opening the sample essay (onLanguage:markdown, not
// workspaceContains) and its first diagnostics are timed from a cold start.
//
// Missing prerequisites: without CI this prints how to install them and exits 0 (SKIPPED); with
// CI=true it fails. Knobs: VERBATIM_WEB_TIMEOUT_MS (whole run, default 180000), VERBATIM_TEST_GREP,
// VERBATIM_VSCODE_VERBOSE=1, VERBATIM_KEEP_TMP=1, VERBATIM_CODE_SERVER, CHROMIUM_PATH.
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { require, requirePrerequisites, root, runHarness, verbose } from '../vscode/code-server.mjs';

const TAG = 'web';
const timeoutMs = Number(process.env.VERBATIM_WEB_TIMEOUT_MS) || 180_000;
const SAMPLE = 'sample.md';
const FIXTURE = 'fixture/essay.md';
// The essays both servers check (workspace-relative). The suite waits for the browser's first
// diagnostics of each (an empty list too: alice.md's quotations are all correct) before comparing.
const ESSAYS = [FIXTURE, SAMPLE, 'class/alice.md', 'class/ben.md', 'class/chloe/essay.markdown', 'bibliography/essay.md'];
// Update Works Cited on these too (citeproc-js formats both lists: the built-in novel's and refs.bib's entry).
const WORKS_CITED = [SAMPLE, 'bibliography/essay.md'];

requirePrerequisites(TAG, 'the web (browser) suite', ['playwright-core', 'mocha', 'esbuild']);
const manifest = require('./package.json');
const extensionId = `${manifest.publisher}.${manifest.name}`;
const fail = (message) => {
  console.log(`[${TAG}] FAILED: ${message}`);
  process.exit(1);
};
// The product's web build is not a machine prerequisite: without it the run fails, CI or not.
if (typeof manifest.browser !== 'string') fail('package.json has no "browser" entry: there is no web extension to test');
for (const file of [manifest.browser, 'server/out/web/server.js', 'server/out/server.js']) {
  if (!existsSync(path.join(root, file))) fail(`${path.normalize(file)} does not exist; run npm run build first`);
}
// Imported only now: they need esbuild, a dev dependency the prerequisite check above looked for.
const { buildWebSuite, nodeAnswersBundle, webSuiteEntry } = await import('./build-suite.mjs');
const { expectedFor, summarize } = await import('../helpers/diagnostics.mjs');
await buildWebSuite();
const { nodeAnswers } = require(nodeAnswersBundle);

/** The throwaway workspace: the fixtures the suite opens, as a student's folder would hold them. */
function composeWorkspace(folder) {
  cpSync(path.join(root, 'examples', 'essay.md'), path.join(folder, SAMPLE));
  cpSync(path.join(root, 'test', 'fixtures', 'workspace'), path.join(folder, path.dirname(FIXTURE)), { recursive: true });
  cpSync(path.join(root, 'test', 'fixtures', 'class'), path.join(folder, 'class'), { recursive: true });
  cpSync(path.join(root, 'test', 'fixtures', 'bibliography'), path.join(folder, 'bibliography'), { recursive: true });
  for (const essay of ESSAYS) if (!existsSync(path.join(folder, essay))) throw new Error(`fixture essay ${essay} is missing`);
}

await runHarness(TAG, timeoutMs, async ({ say, tmp, startCodeServer, newPage }) => {
  const folder = path.join(tmp, 'workspace');
  mkdirSync(folder);
  composeWorkspace(folder);

  const node = await nodeAnswers(root, folder, ESSAYS, WORKS_CITED, path.join(tmp, 'node-cache'));
  const count = (key) => ESSAYS.reduce((n, e) => n + node.essays[e][key].length, 0);
  const targets = ESSAYS.reduce((n, e) => n + node.essays[e].definitions.filter((d) => d.targets.length > 0).length, 0);
  say(
    `the Node server (${node.server}) checked ${ESSAYS.length} essays: diagnostics ${ESSAYS.map((e) => `${e} ${node.essays[e].diagnostics.length}`).join(', ')}; ` +
      `${count('hovers')} hovers (${ESSAYS.reduce((n, e) => n + node.essays[e].hovers.filter((h) => h.text).length, 0)} with text), ${targets} definitions found, ${count('symbols')} symbols`,
  );
  const options = {
    timeoutMs: Number(process.env.VERBATIM_TEST_TIMEOUT_MS) || 30_000,
    grep: process.env.VERBATIM_TEST_GREP || undefined,
    extensionId,
    sampleEssay: SAMPLE,
    fixtureEssay: FIXTURE,
    expected: expectedFor(root),
    node: {
      server: node.server,
      essays: Object.fromEntries(ESSAYS.map((e) => [e, { ...node.essays[e], diagnostics: summarize(node.essays[e].diagnostics) }])),
    },
  };
  writeFileSync(path.join(tmp, 'web-test.json'), JSON.stringify(options, null, 2));

  const port = await startCodeServer({ 'remote.extensionKind': { [extensionId]: ['web'] } });
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).join('/')}`;
  const page = await newPage();
  // The extension's own errors in the page (its server worker failing, say), even when not verbose.
  if (!verbose) page.on('console', (m) => m.type() === 'error' && /verbatim/i.test(m.text()) && console.log(`[browser error] ${m.text()}`));
  let finish;
  const finished = new Promise((r) => (finish = r));
  let firstDiagnostics;
  const laterDiagnostics = [];
  await page.exposeFunction('codeAutomationLog', (type, message) => {
    const text = Array.isArray(message) ? message.join(' ') : String(message);
    for (const line of text.split('\n')) {
      const timed = /\[verbatim-web\] first-diagnostics-ms=(\d+) \((.*)\)/.exec(line);
      if (timed) firstDiagnostics = `${timed[1]} ms after opening it (${timed[2]})`;
      const later = /\[verbatim-web\] diagnostics-ms=(\d+)/.exec(line);
      if (later) laterDiagnostics.push(Number(later[1]));
      console.log(type === 'info' ? line : `[${type}] ${line}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));

  const payload = [
    ['extensionDevelopmentPath', remote(root)],
    ['extensionTestsPath', remote(webSuiteEntry)],
  ];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  say(`opening the workbench on a copy of the fixtures; running ${path.relative(root, webSuiteEntry)} in the web worker extension host`);
  await page.goto(url);
  const exitCode = await finished;
  if (firstDiagnostics !== undefined) say(`first diagnostics of ${SAMPLE} in the browser ${firstDiagnostics}`);
  if (laterDiagnostics.length) say(`first diagnostics of each later essay ${Math.min(...laterDiagnostics)}–${Math.max(...laterDiagnostics)} ms after opening it`);
  say(exitCode === 0 ? 'web suite PASSED' : `web suite FAILED (exit code ${exitCode})`);
  return exitCode;
});
