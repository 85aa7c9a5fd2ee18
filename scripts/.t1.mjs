import { build } from 'esbuild';
import { bundleOptions } from './esbuild-options.mjs';
import { spawnSync } from 'node:child_process';
const files = process.argv.slice(2);
const outdir = '.cache/test-one';
await build({ entryPoints: files, outdir, outbase: 'test', ...bundleOptions, target: 'node20', sourcemap: 'inline', external: ['vscode'] });
const outs = files.map((f) => outdir + '/' + f.slice(5).replace(/\.ts$/, '.js'));
const r = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=spec', ...outs], { stdio: 'inherit' });
process.exit(r.status ?? 1);
