// How every bundle of project code is built, product and tests alike, so the
// tests run the engine exactly as shipped.
import { configValidator } from './configValidator.mjs';

export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  logLevel: 'warning',
  // The built-in corpus's review text is embedded as a string.
  loader: { '.txt': 'text' },
  // Prefer ESM entry points: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
  // `.verbatim.json`'s schema, compiled to a validation function at build time.
  plugins: [configValidator],
};
