// The web suite's entry: the module VS Code loads as extensionTestsPath in the web worker extension
// host (bundled for the browser, mocha included, to client/out/test/web/index.js by
// test/web/build-suite.mjs; run by test/web/run.mjs). No Node APIs here: the worker has none.
// What the harness computed beforehand (the Node server's answers, the expected diagnostics, the
// grep) is read from web-test.json beside the workspace folder, through the workspace file system.

import * as vscode from 'vscode';
import type { RunOptions } from './options';
import { defineSuite } from './web.test';

/** console.log's %s/%d/%i/%j in the worker's own words: code-server forwards the arguments unformatted. */
function format(...args: unknown[]): string {
  if (args.length === 0) return '';
  const [first, ...rest] = args;
  let text = String(first);
  if (typeof first === 'string') {
    text = first.replace(/%[sdij%]/g, (m) => (m === '%%' ? '%' : rest.length ? (m === '%j' ? JSON.stringify(rest.shift()) : String(rest.shift())) : m));
  }
  return [text, ...rest.map(String)].join(' ');
}

async function readOptions(): Promise<RunOptions> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('the web suite needs its workspace folder open');
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '..', 'web-test.json'));
  return JSON.parse(new TextDecoder().decode(bytes)) as RunOptions;
}

export async function run(): Promise<void> {
  // Before mocha: its browser build brings a `process` shim of its own.
  const hadProcess = typeof (globalThis as { process?: unknown }).process !== 'undefined';
  // Loaded by the Node extension host (the extension ran there), mocha's browser build would fail obscurely.
  if (hadProcess) throw new Error('the web suite was loaded by a Node extension host, not the web worker one: the extension did not run from its browser entry');
  const options = await readOptions();
  require('mocha/mocha');
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  // reporter undefined: mocha's default (spec) instead of the browser build's HTML reporter.
  mocha.setup({ ui: 'bdd', reporter: undefined, color: false, timeout: options.timeoutMs });
  if (options.grep) mocha.grep(options.grep);
  defineSuite(options, { hadProcess });
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
