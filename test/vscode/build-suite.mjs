// Bundles the VS Code integration suite (client/src/test/*.ts) into client/out/test/: index.js,
// the CommonJS module with run() that VS Code loads as extensionTestsPath, and one bundle per
// *.test.ts. `vscode` comes from the extension host; mocha stays a plain require from node_modules.
// Used by run-offline.mjs and run-electron.mjs; also runnable alone: node test/vscode/build-suite.mjs
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const suiteSrc = path.join(root, 'client', 'src', 'test');
export const suiteOut = path.join(root, 'client', 'out', 'test');
export const suiteEntry = path.join(suiteOut, 'index.js');

export async function buildSuite() {
  const entryPoints = readdirSync(suiteSrc)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(suiteSrc, f));
  rmSync(suiteOut, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir: suiteOut,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha'],
  });
  return suiteEntry;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSuite();
  console.log(`built ${path.relative(root, suiteEntry)}`);
}
