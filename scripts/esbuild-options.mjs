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
