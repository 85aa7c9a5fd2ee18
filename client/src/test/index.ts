// The entry VS Code loads as extensionTestsPath (bundled to client/out/test/index.js by
// test/vscode/build-suite.mjs): runs every *.test.js beside it with mocha in the extension host.
// VERBATIM_TEST_GREP narrows the run to matching test titles.

import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // code-server forwards console.log's arguments unformatted: format mocha's "%s" lines first.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.VERBATIM_TEST_TIMEOUT_MS) || 30_000,
    grep: process.env.VERBATIM_TEST_GREP || undefined,
  });
  // The harness's smoke test first: when it fails, nothing after it can be trusted.
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(b === 'smoke.test.js') - Number(a === 'smoke.test.js') || a.localeCompare(b));
  for (const file of files) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
