// Runs every test tier with node's test runner. Test files are TypeScript,
// bundled by esbuild exactly like the product (so ESM-only remark works and
// the built-in corpus is embedded). Usage: node scripts/test.mjs [tier…]
import { build } from 'esbuild';
import { bundleOptions } from './esbuild-options.mjs';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// A test that hangs (a server that stops publishing) fails by name instead of holding CI; a test may ask
// for more with its own `timeout` option.
const TEST_TIMEOUT_MS = 300_000;
const TIERS = ['unit', 'protocol', 'cli', 'accuracy', 'robustness', 'security'];
const tiers = process.argv.slice(2).length ? process.argv.slice(2).filter((t) => t !== 'editors') : TIERS;
const outdir = '.cache/test-out';
rmSync(outdir, { recursive: true, force: true });

const entries = [];
for (const tier of tiers) {
  let files = [];
  try {
    files = readdirSync(join('test', tier)).filter((f) => f.endsWith('.test.ts'));
  } catch {
    continue;
  }
  for (const f of files) entries.push(join('test', tier, f));
}
const onlyEditors = tiers.length === 0;
if (entries.length === 0 && !onlyEditors) {
  console.error(`No test files found for tiers: ${tiers.join(', ')}`);
  process.exit(1);
}
if (!onlyEditors) await build({
  entryPoints: entries,
  outdir,
  outbase: 'test',
  ...bundleOptions,
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode'],
});
const outputs = entries.map((e) => join(outdir, e.slice('test/'.length).replace(/\.ts$/, '.js')));
let status = 0;
if (!onlyEditors) {
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...outputs], { stdio: 'inherit' });
  status = run.status ?? 1;
}

// The real editors: VS Code (code-server + headless Chromium), Neovim and Emacs (eglot). Each runner prints how to
// install what it needs and SKIPS without CI; with CI=true a missing prerequisite fails the run.
// Run them only when every tier was asked for (plain `npm test`) or when named ("editors").
if (process.argv.slice(2).length === 0 || process.argv.slice(2).includes('editors')) {
  for (const [name, cmd, args] of [
    ['VS Code (code-server)', process.execPath, ['test/vscode/run-offline.mjs']],
    ['VS Code UI (the packaged .vsix)', process.execPath, ['test/vscode/run-ui.mjs']],
    ['VS Code for the Web (web worker extension host)', process.execPath, ['test/web/run.mjs']],
    ['Neovim', 'bash', ['test/neovim/run.sh']],
    ['Emacs (eglot)', 'bash', ['test/emacs/run.sh']],
  ]) {
    console.log(`\n== ${name}`);
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`== ${name}: failed (exit ${r.status ?? r.signal})`);
      status = status || 1;
    }
  }
}
process.exit(status);
