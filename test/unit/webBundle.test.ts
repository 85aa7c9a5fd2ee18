// The browser build (scripts/build.mjs writes server/out/web/meta.json, esbuild's
// account of what went into each web bundle): nothing in it is a Node built-in or
// one of the Node-only modules (server/src/node/), and its JavaScript stays within
// the budget of 2 MB minified, client, server worker and the worker's lazily loaded
// citeproc together, the embedded corpus text not counted (issue #23). Sizes are
// deterministic: no timing here.

import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '../../..');
const META = join(ROOT, 'server/out/web/meta.json');
const BUDGET = 2_000_000;

interface Metafile {
  inputs: Record<string, { bytes: number; imports: { path: string; kind: string; external?: boolean }[] }>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

function meta(): { client: Metafile; server: Metafile; citeproc: Metafile } {
  assert.ok(existsSync(META), `${META} is missing: run npm run build first`);
  return JSON.parse(readFileSync(META, 'utf8'));
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

test('the web bundles import no Node built-in and none of server/src/node/ (only `vscode`, which the web extension host gives, is left outside)', () => {
  const bundles = meta();
  for (const [name, file] of Object.entries(bundles)) {
    const builtins = Object.entries(file.inputs).flatMap(([input, i]) => i.imports.filter((imp) => NODE_BUILTINS.has(imp.path) || imp.path.startsWith('node:') || (imp.external && imp.path !== 'vscode')).map((imp) => `${input} → ${imp.path}`));
    assert.deepEqual(builtins, [], `${name}: imports of Node built-ins`);
    const nodeOnly = Object.keys(file.inputs).filter((input) => /(^|\/)server\/src\/node\//.test(input) || /vscode-languageclient\/lib\/node\/|vscode-languageserver\/lib\/node\//.test(input));
    assert.deepEqual(nodeOnly, [], `${name}: Node-only modules`);
  }
  // The server worker is the one engine and service, not a second implementation.
  const inputs = Object.keys(bundles.server.inputs);
  for (const shared of ['server/src/createServer.ts', 'server/src/service/checker.ts', 'server/src/engine/matcher.ts', 'server/src/web/clientFileSystem.ts']) assert.ok(inputs.includes(shared), `the server worker bundles ${shared}`);
  assert.ok(Object.keys(bundles.client.inputs).includes('client/src/features.ts'), 'the web client shares features.ts with the desktop client');
  // citeproc-js is not in the worker's script (it is parsed before the worker answers); its own file holds it.
  assert.deepEqual(inputs.filter((i) => /node_modules\/citeproc\//.test(i)), []);
  assert.ok(Object.keys(bundles.citeproc.inputs).some((i) => /node_modules\/citeproc\//.test(i)));
});

test('the browser extension\'s JavaScript is within 2 MB minified (client + server worker + citeproc, the embedded corpus text not counted)', () => {
  const bundles = meta();
  let total = 0;
  let corpus = 0;
  const sizes: string[] = [];
  for (const file of [bundles.client, bundles.server, bundles.citeproc]) {
    const [outfile, output] = Object.entries(file.outputs).find(([path]) => path.endsWith('.js'))!;
    // The metafile describes the files on disk (not a stale build).
    assert.equal(statSync(join(ROOT, outfile)).size, output.bytes, `${outfile} matches its metafile`);
    total += output.bytes;
    for (const [input, i] of Object.entries(output.inputs)) if (/^server\/corpus\//.test(input)) corpus += i.bytesInOutput;
    sizes.push(`${outfile} ${output.bytes} bytes`);
  }
  assert.ok(corpus > 0, 'the built-in corpus is embedded in the server worker');
  assert.ok(total - corpus <= BUDGET, `${total - corpus} bytes of JavaScript (${sizes.join(', ')}; corpus ${corpus}) exceed the budget of ${BUDGET}`);
});
