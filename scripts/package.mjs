// Packages the extension as verbatim.vsix with @vscode/vsce, offline (no dependencies: the client
// and server are bundled). vsce must rewrite the README's relative links and images for the
// Marketplace page; it only guesses where they live for GitHub/GitLab, so we derive the base URLs
// from package.json's `repository` and the README keeps working on disk.
// Usage: node scripts/package.mjs [out.vsix]   (default verbatim.vsix; run `npm run build` first)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

export function baseUrls() {
  const repo = require('./package.json').repository;
  const url = String(typeof repo === 'string' ? repo : repo?.url ?? '')
    .replace(/^git\+/, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
  if (!/^https:\/\//.test(url)) throw new Error(`package.json: repository.url must be an https URL (got "${url}")`);
  return { baseContentUrl: `${url}/blob/HEAD`, baseImagesUrl: `${url}/raw/HEAD` };
}

export async function packageVsix(out = path.join(root, 'verbatim.vsix')) {
  const { createVSIX } = require('@vscode/vsce');
  await createVSIX({ cwd: root, packagePath: out, dependencies: false, ...baseUrls() });
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await packageVsix(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  } catch (err) {
    console.error(`package: ${err?.message || err}`);
    process.exit(1);
  }
}
