// Bundles the client, the server and the CLI with esbuild: CommonJS bundles
// that carry the ESM-only unified/remark, and embed the built-in corpus.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { bundleOptions, lazyCiteproc, webBundleOptions } from './esbuild-options.mjs';
import { writeRulesDoc } from './rulesDoc.mjs';

const common = { ...bundleOptions, target: 'node18', sourcemap: true };

const built = await Promise.all([
  // The browser build (vscode.dev, github.dev): the client in the web extension host (CommonJS, `vscode`
  // external) and the language server as a web worker; minified, their inputs kept for the budget test.
  build({ ...webBundleOptions, entryPoints: ['client/src/web/extension.ts'], outfile: 'client/out/web/extension.js', format: 'cjs', external: ['vscode'] }),
  // A worker has no DOM: packages' "worker" builds before their "browser" ones (decode-named-character-reference's uses document).
  build({ ...webBundleOptions, plugins: [...webBundleOptions.plugins, lazyCiteproc], entryPoints: ['server/src/web/server.ts'], outfile: 'server/out/web/server.js', format: 'iife', conditions: ['worker'] }),
  // citeproc-js for the worker, loaded when a reference is first formatted (lazyCiteproc): a classic script defining one global.
  build({ ...webBundleOptions, entryPoints: ['citeproc'], outfile: 'server/out/web/citeproc.js', format: 'iife', globalName: '__verbatimCiteproc' }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/out/server-main.js' }),
  // server.js is the loader that runs server-main.js through a V8 code cache.
  build({ ...common, entryPoints: ['server/src/launch.ts'], outfile: 'server/out/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // `verbatim mcp`, loaded by cli.js only when asked for: the MCP SDK stays out of every other start.
  build({ ...common, entryPoints: ['server/src/mcp/cli.ts'], outfile: 'server/out/mcp.js' }),
  // remark-verbatim twice: ESM for remark-cli and `import`, CommonJS whose module.exports is the plugin for `require`.
  // CommonJS dependencies inside it (yaml) require Node built-ins: give the ESM bundle a `require`.
  build({
    ...common,
    entryPoints: ['server/src/remark-verbatim.ts'],
    outfile: 'server/out/remark-verbatim.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __verbatimCreateRequire } from 'node:module'; const require = __verbatimCreateRequire(import.meta.url);" },
  }),
  build({ ...common, entryPoints: ['server/src/remark-verbatim.ts'], outfile: 'server/out/remark-verbatim.js', footer: { js: 'module.exports = Object.assign(module.exports.default, { default: module.exports.default });' } }),
  // pdf.js reads PDFs in a worker thread; its legacy build has top-level await, so an ES module.
  // canvas/path2d are optional pdf.js imports for rendering, which Verbatim never does. Minified: the
  // worker parses 1.7 MB instead of 3.3 MB at every PDF read.
  build({ ...common, entryPoints: ['server/src/node/pdfWorker.ts'], outfile: 'server/out/pdf-worker.mjs', format: 'esm', external: ['canvas', 'path2d'], sourcemap: false, minify: true }),
]);

// What went into the web bundles (test/unit/webBundle.test.ts: no Node built-in, within the budget).
writeFileSync('server/out/web/meta.json', JSON.stringify({ client: built[0].metafile, server: built[1].metafile, citeproc: built[2].metafile }));
// Each code's documentation, shipped beside the server (diagnostics link to it).
writeRulesDoc();
