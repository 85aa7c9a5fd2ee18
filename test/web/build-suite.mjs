// Bundles the web suite (client/src/test/web/index.ts, mocha's browser build included) for the web
// worker extension host: one CommonJS file, client/out/test/web/index.js, whose only require is
// `vscode`. Platform browser, so a Node built-in anywhere in it fails the build here. Also bundles
// the Node half of the comparison (test/web/nodeDiagnostics.ts) for test/web/run.mjs.
// Runnable alone: node test/web/build-suite.mjs
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from '../../scripts/esbuild-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webSuiteOut = path.join(root, 'client', 'out', 'test', 'web');
export const webSuiteEntry = path.join(webSuiteOut, 'index.js');
// Three folders below the root, as test/helpers/lspClient.ts finds server/out/server.js from its bundle.
export const nodeAnswersBundle = path.join(root, '.cache', 'web-test', 'out', 'nodeDiagnostics.js');

export async function buildWebSuite() {
  rmSync(webSuiteOut, { recursive: true, force: true });
  await Promise.all([
    build({
      entryPoints: [path.join(root, 'client', 'src', 'test', 'web', 'index.ts')],
      outfile: webSuiteEntry,
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'cjs',
      sourcemap: 'inline',
      logLevel: 'warning',
      external: ['vscode'],
    }),
    build({ ...bundleOptions, entryPoints: [path.join(root, 'test', 'web', 'nodeDiagnostics.ts')], outfile: nodeAnswersBundle, target: 'node20', sourcemap: 'inline' }),
  ]);
  return webSuiteEntry;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWebSuite();
  console.log(`built ${path.relative(root, webSuiteEntry)} and ${path.relative(root, nodeAnswersBundle)}`);
}
