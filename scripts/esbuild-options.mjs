import { fileURLToPath } from 'node:url';

// How every bundle of project code is built, product and tests alike, so the
// tests run the engine exactly as shipped.
import { configValidator } from './configValidator.mjs';
const CITATION_JS_CORE = fileURLToPath(new URL('../server/src/engine/citationJsCore.ts', import.meta.url));

export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
  // The built-in corpus's review text and the shipped CSL styles and locale are embedded as strings.
  loader: { '.txt': 'text', '.csl': 'text', '.xml': 'text' },
  // Prefer ESM entry points: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
  // `.verbatim.json`'s schema, compiled to a validation function at build time; the BibTeX plugin needs
  // only citation-js core's grammar and translator (see server/src/engine/citationJsCore.ts).
  plugins: [
    configValidator,
    {
      name: 'citation-js-core',
      setup(build) {
        build.onResolve({ filter: /^@citation-js\/core$/ }, () => ({ path: CITATION_JS_CORE }));
      },
    },
  ],
};

/** The browser build: the same plugins and loaders, no Node platform, minified, with a metafile. */
export const webBundleOptions = {
  ...bundleOptions,
  platform: 'browser',
  // The "browser" field first: vscode-languageclient maps its Node entry to its browser one.
  mainFields: ['browser', 'module', 'main'],
  target: 'es2022',
  minify: true,
  sourcemap: false,
  metafile: true,
  logLevel: 'warning',
};

/**
 * The web worker's citeproc, loaded only when a reference is first formatted (a citation key's hover,
 * Update Works Cited): a third of the worker's JavaScript is citeproc-js, which a check never runs, and
 * a worker parses all of its script before it answers. server/out/web/citeproc.js defines it; the worker
 * reads it with importScripts from the URL the client gives (web/serve.ts).
 */
export const lazyCiteproc = {
  name: 'verbatim:lazy-citeproc',
  setup(build) {
    build.onResolve({ filter: /^citeproc$/ }, () => ({ path: 'citeproc', namespace: 'verbatim-lazy-citeproc' }));
    build.onLoad({ filter: /.*/, namespace: 'verbatim-lazy-citeproc' }, () => ({
      loader: 'js',
      contents: `let csl;
function load() {
  if (!csl) {
    const url = globalThis.__verbatimCiteprocUrl;
    if (typeof importScripts !== 'function' || typeof url !== 'string') throw new Error('citeproc-js is not available here (the client gave no citeprocUrl)');
    importScripts(url);
    csl = globalThis.__verbatimCiteproc;
  }
  return csl;
}
// The bundler's interop looks for __esModule (and symbols) on import: those answer without loading.
module.exports = new Proxy({}, { get: (_, key) => (typeof key === 'symbol' || key === '__esModule' ? undefined : load()[key]) });
`,
    }));
  },
};
