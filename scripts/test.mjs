// Runs every test tier with node's test runner. Test files are TypeScript,
// bundled by esbuild exactly like the product (so ESM-only remark works and
// the built-in corpus is embedded). Usage: node scripts/test.mjs [tier…]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const TIERS = ['unit', 'protocol', 'cli', 'accuracy', 'robustness'];
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : TIERS;
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
if (entries.length === 0) {
  console.error(`No test files found for tiers: ${tiers.join(', ')}`);
  process.exit(1);
}
await build({
  entryPoints: entries,
  outdir,
  outbase: 'test',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  loader: { '.txt': 'text' },
  // Prefer ESM entry points: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
  external: ['vscode'],
});
const outputs = entries.map((e) => join(outdir, e.slice('test/'.length).replace(/\.ts$/, '.js')));
const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...outputs], { stdio: 'inherit' });
process.exit(run.status ?? 1);
